using System;
using System.Threading.Tasks;
using OssResumable.Core.Transfer;

namespace OssResumable.Integration.Tests.Transfer;

/// <summary>An emulator whose clock is far off: the client learns the offset and the upload succeeds. Own class: the skew is emulator-wide.</summary>
public class ClockSkewUploadTests : IClassFixture<TransferFixture>
{
    private readonly TransferFixture _fixture;

    public ClockSkewUploadTests(TransferFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task UploadFile_ServerClockHoursOff_ClientCorrectsAndUploadSucceeds(int direction)
    {
        _fixture.Emulator.ClockOffset = TimeSpan.FromHours(direction * 2);
        try
        {
            using var harness = new UploaderHarness(_fixture);
            string file = _fixture.CreateFile((4 * UploaderHarness.SmallPart) + 3);
            string key = TransferFixture.UniqueKey("skew");

            UploadResult result = await harness.Uploader.UploadFileAsync(UploaderHarness.Request(file, key));

            Assert.Equal(1, result.Retries);
            Assert.InRange(Math.Abs((harness.Client.ClockOffset - TimeSpan.FromHours(direction * 2)).TotalMinutes), 0, 5);
            Assert.Contains(harness.Log, e => e.Message.Contains("RequestTimeTooSkewed", StringComparison.Ordinal));
            harness.AssertObjectEqualsFile(key, file);
            _fixture.AssertNoUploads();
        }
        finally
        {
            _fixture.Emulator.ClockOffset = TimeSpan.Zero;
        }
    }
}
