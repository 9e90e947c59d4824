using System;
using System.Linq;
using System.Text;
using System.Xml;
using OssResumable.Core.Protocol.Internal;

namespace OssResumable.Core.Tests.Protocol;

public class ResponseParsingTests
{
    private static System.Xml.Linq.XElement Root(string xml)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(xml);
        return OssXml.LoadRoot(bytes, bytes.Length);
    }

    [Fact]
    public void ParseInitiate_PlainDocument_ReadsUploadId()
    {
        var result = OssResponseParser.ParseInitiate(
            Root("<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult><Bucket>b</Bucket><Key>multipart.data</Key><UploadId>0004B9894A22E5B1888A1E29F823ABCD</UploadId></InitiateMultipartUploadResult>"),
            "b",
            "multipart.data",
            "RID");

        Assert.Equal("0004B9894A22E5B1888A1E29F823ABCD", result.UploadId);
        Assert.Equal("multipart.data", result.Key);
        Assert.Equal("RID", result.RequestId);
    }

    [Fact]
    public void ParseInitiate_UrlEncodedKey_DecodesStrictlyKeepingPlus()
    {
        var result = OssResponseParser.ParseInitiate(
            Root("<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>demo%2Fgp-%0C%0A%0B+a%20b</Key><UploadId>U1</UploadId><EncodingType>url</EncodingType></InitiateMultipartUploadResult>"),
            "b",
            "k",
            null);

        Assert.Equal("demo/gp-\f\n\v+a b", result.Key);
    }

    [Fact]
    public void ParseInitiate_NotUrlEncoded_LeavesPercentAlone()
    {
        var result = OssResponseParser.ParseInitiate(
            Root("<InitiateMultipartUploadResult><Key>100%25</Key><UploadId>U1</UploadId></InitiateMultipartUploadResult>"), "b", "k", null);

        Assert.Equal("100%25", result.Key);
    }

    [Fact]
    public void ParseInitiate_NamespacedRoot_Accepted()
    {
        var result = OssResponseParser.ParseInitiate(
            Root("<InitiateMultipartUploadResult xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\"><Bucket>b</Bucket><Key>k</Key><UploadId>U9</UploadId></InitiateMultipartUploadResult>"),
            "b",
            "k",
            null);

        Assert.Equal("U9", result.UploadId);
    }

    [Fact]
    public void ParseInitiate_MissingUploadId_Throws()
    {
        Assert.Throws<XmlException>(() => OssResponseParser.ParseInitiate(Root("<InitiateMultipartUploadResult><Key>k</Key></InitiateMultipartUploadResult>"), "b", "k", null));
    }

    [Fact]
    public void ParseInitiate_WrongRoot_Throws()
    {
        Assert.Throws<XmlException>(() => OssResponseParser.ParseInitiate(Root("<Other><UploadId>U</UploadId></Other>"), "b", "k", null));
    }

    [Fact]
    public void LoadRoot_Dtd_IsRefused()
    {
        Assert.Throws<XmlException>(() => Root("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><InitiateMultipartUploadResult><Key>&e;</Key></InitiateMultipartUploadResult>"));
    }

    [Fact]
    public void ParseComplete_Document_ReadsFieldsAndDecodesKey()
    {
        var result = OssResponseParser.ParseComplete(
            Root("<CompleteMultipartUploadResult><EncodingType>url</EncodingType><Location>http://b.oss-cn-hangzhou.aliyuncs.com/a%2Bb</Location><Bucket>b</Bucket><Key>a%2Bb%2Fc</Key><ETag>\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\"</ETag></CompleteMultipartUploadResult>"),
            "b",
            "a+b/c",
            "\"HEADER\"",
            13522109751786571237UL,
            "v1",
            "RID");

        Assert.Equal("a+b/c", result.Key);
        Assert.Equal("\"C1AA43FFAC5C2D7F3B4FE289C009A2C6-3\"", result.ETag);
        Assert.Equal(13522109751786571237UL, result.Crc64);
        Assert.Equal("http://b.oss-cn-hangzhou.aliyuncs.com/a%2Bb", result.Location);
        Assert.Equal("v1", result.VersionId);
    }

    [Fact]
    public void ParseListMultipartUploads_TruncatedEncodedPage_ReadsUploadsAndMarkers()
    {
        var page = OssResponseParser.ParseListMultipartUploads(
            Root(@"<ListMultipartUploadsResult>
  <EncodingType>url</EncodingType>
  <Bucket>b</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker>
  <NextKeyMarker>videos%2Fb%2B1.mp4</NextKeyMarker><NextUploadIdMarker>A1B2</NextUploadIdMarker>
  <Delimiter></Delimiter><Prefix>videos%2F</Prefix><MaxUploads>2</MaxUploads><IsTruncated>true</IsTruncated>
  <Upload><Key>videos%2Fa%20x.mp4</Key><UploadId>0D3C</UploadId><StorageClass>Standard</StorageClass><Initiated>2024-03-01T10:00:00.000Z</Initiated></Upload>
  <Upload><Key>videos%2Fb%2B1.mp4</Key><UploadId>A1B2</UploadId><StorageClass>IA</StorageClass><Initiated>2024-03-01T10:05:00.000Z</Initiated></Upload>
</ListMultipartUploadsResult>"),
            "b");

        Assert.True(page.IsTruncated);
        Assert.Equal("videos/b+1.mp4", page.NextKeyMarker);
        Assert.Equal("A1B2", page.NextUploadIdMarker);
        Assert.Equal(new[] { "videos/a x.mp4", "videos/b+1.mp4" }, page.Uploads.Select(u => u.Key));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), page.Uploads[0].Initiated);
        Assert.Equal("IA", page.Uploads[1].StorageClass);
        Assert.All(page.Uploads, u => Assert.Equal("b", u.Bucket));
    }

    [Fact]
    public void ParseListMultipartUploads_EmptyList_NoUploadsNotTruncated()
    {
        var page = OssResponseParser.ParseListMultipartUploads(
            Root("<ListMultipartUploadsResult><Bucket>b</Bucket><NextKeyMarker></NextKeyMarker><NextUploadIdMarker></NextUploadIdMarker><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>"),
            "b");

        Assert.Empty(page.Uploads);
        Assert.False(page.IsTruncated);
        Assert.Null(page.NextKeyMarker);
    }

    [Fact]
    public void ParseListParts_PageWithCrc_ReadsParts()
    {
        var page = OssResponseParser.ParseListParts(Root(@"<ListPartsResult xmlns=""http://doc.oss-cn-hangzhou.aliyuncs.com"">
  <Bucket>b</Bucket><Key>multipart.data</Key><UploadId>U</UploadId><StorageClass>Standard</StorageClass>
  <PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>2</MaxParts><IsTruncated>true</IsTruncated>
  <Part><PartNumber>1</PartNumber><LastModified>2024-03-01T10:00:01.000Z</LastModified><ETag>""1A0F81547E5BA2E9C4A4B94A74731993""</ETag><HashCrc64ecma>5409316634556368277</HashCrc64ecma><Size>102400</Size></Part>
  <Part><PartNumber>2</PartNumber><LastModified>2024-03-01T10:00:02.000Z</LastModified><ETag>""DDD151E78EF9F976E3E80A227AF56180""</ETag><Size>51200</Size></Part>
</ListPartsResult>"));

        Assert.True(page.IsTruncated);
        Assert.Equal(2, page.NextPartNumberMarker);
        Assert.Equal(2, page.Parts.Count);
        Assert.Equal(5409316634556368277UL, page.Parts[0].Crc64);
        Assert.Equal(102400, page.Parts[0].Size);
        Assert.Equal("\"1A0F81547E5BA2E9C4A4B94A74731993\"", page.Parts[0].ETag);
        Assert.Null(page.Parts[1].Crc64);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 2, TimeSpan.Zero), page.Parts[1].LastModified);
    }

    [Fact]
    public void ParseListParts_Empty_NoParts()
    {
        var page = OssResponseParser.ParseListParts(Root("<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>U</UploadId><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>0</NextPartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated></ListPartsResult>"));

        Assert.Empty(page.Parts);
        Assert.False(page.IsTruncated);
    }

    [Fact]
    public void ParseListParts_EmptyNumericElement_Throws()
    {
        Assert.Throws<XmlException>(() => OssResponseParser.ParseListParts(
            Root("<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber></PartNumber><LastModified>2024-03-01T10:00:01.000Z</LastModified><ETag>\"E\"</ETag><Size>1</Size></Part></ListPartsResult>")));
    }

    [Fact]
    public void CompleteBody_Parts_ExactXmlWithQuotedETags()
    {
        byte[] body = CompleteMultipartUploadBody.Build(new[]
        {
            new OssResumable.Core.Protocol.CompletedPart(1, "\"0D3C6B4B6F0C8E1A2B3C4D5E6F708192\""),
            new OssResumable.Core.Protocol.CompletedPart(2, "A1B2C3D4E5F60718293A4B5C6D7E8F90"),
        });

        // The protocol doc's §2.7 Complete body, byte for byte (its MD5 is KZuNqYt2G6vUN/FozXGkhQ==).
        Assert.Equal(
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"0D3C6B4B6F0C8E1A2B3C4D5E6F708192\"</ETag></Part><Part><PartNumber>2</PartNumber><ETag>\"A1B2C3D4E5F60718293A4B5C6D7E8F90\"</ETag></Part></CompleteMultipartUpload>",
            Encoding.UTF8.GetString(body));
        Assert.NotEqual(0xEF, body[0]);
    }
}
