using System;

namespace OssResumable.Emulator.Tests;

public class FaultRuleParseTests
{
    [Fact]
    public void Parse_FullErrorSpec_SetsEveryField()
    {
        FaultRule rule = FaultRule.Parse("op=UploadPart,bucket=b1,key=dir%2Cwith%20comma,part=3,upload=ABC,skip=2,times=4,action=error,status=503,code=ServiceUnavailable,message=busy%20now");

        Assert.Equal(EmulatorOperation.UploadPart, rule.Operation);
        Assert.Equal("b1", rule.Bucket);
        Assert.Equal("dir,with comma", rule.Key);
        Assert.Equal(3, rule.PartNumber);
        Assert.Equal("ABC", rule.UploadId);
        Assert.Equal(2, rule.Skip);
        Assert.Equal(4, rule.Times);
        Assert.Equal(FaultAction.Error, rule.Action);
        Assert.Equal(503, rule.StatusCode);
        Assert.Equal("ServiceUnavailable", rule.ErrorCode);
        Assert.Equal("busy now", rule.ErrorMessage);
    }

    [Theory]
    [InlineData("op=UploadPart,action=reset,bytes=65536", FaultAction.ResetConnection)]
    [InlineData("op=*,action=delay,ms=250,times=*", FaultAction.Delay)]
    [InlineData("action=throttle,bps=1048576", FaultAction.Throttle)]
    [InlineData("op=uploadpart,action=vanish", FaultAction.VanishUpload)]
    [InlineData("op=PutObject,action=corrupt-crc", FaultAction.CorruptCrc)]
    [InlineData("op=CompleteMultipartUpload,action=drop-response", FaultAction.DropResponse)]
    [InlineData("op=CompleteMultipartUpload,action=DropResponse", FaultAction.DropResponse)]
    public void Parse_EachAction_Recognised(string spec, FaultAction action)
    {
        Assert.Equal(action, FaultRule.Parse(spec).Action);
    }

    [Fact]
    public void Parse_Defaults_FireOnceWith500InternalError()
    {
        FaultRule rule = FaultRule.Parse("op=PutObject");

        Assert.Equal(FaultAction.Error, rule.Action);
        Assert.Equal(500, rule.StatusCode);
        Assert.Equal("InternalError", rule.ErrorCode);
        Assert.Equal(1, rule.Times);
        Assert.Equal(0, rule.Skip);
        Assert.Null(FaultRule.Parse("times=*").Times);
        Assert.Null(FaultRule.Parse("op=*").Operation);
    }

    [Theory]
    [InlineData("op=NoSuchOperation")]
    [InlineData("op=3")]
    [InlineData("action=explode")]
    [InlineData("colour=red")]
    [InlineData("op")]
    [InlineData("status=200")]
    [InlineData("times=0")]
    [InlineData("skip=-1")]
    [InlineData("part=0")]
    [InlineData("action=delay")]
    [InlineData("action=throttle,bps=0")]
    [InlineData("op=PutObject,op=GetObject")]
    [InlineData("key=%zz")]
    public void Parse_Invalid_ThrowsFormatException(string spec)
    {
        Assert.Throws<FormatException>(() => FaultRule.Parse(spec));
    }

    [Fact]
    public void ToString_DescribesRuleInSpecSyntax()
    {
        FaultRule rule = FaultRule.Parse("op=UploadPart,part=2,action=error,status=503,code=SlowDown,times=*");

        Assert.Equal("op=UploadPart,part=2,action=error,status=503,code=SlowDown,skip=0,times=* (fired 0)", rule.ToString());
    }
}
