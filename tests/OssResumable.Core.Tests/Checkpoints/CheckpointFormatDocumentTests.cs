using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using OssResumable.Core.Checkpoints;

namespace OssResumable.Core.Tests.Checkpoints;

public class CheckpointFormatDocumentTests
{
    [Fact]
    public void Deserialize_ExampleInCheckpointFormatDocument_LoadsWithStatedValues()
    {
        string document = File.ReadAllText(FindRepositoryFile(Path.Combine("docs", "checkpoint-format.md")));
        Match example = Regex.Match(document, "```json\r?\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, "the document has no JSON example");

        // A checkout with CRLF line ends would change the checksummed bytes; the file itself is LF.
        string json = example.Groups[1].Value.Replace("\r\n", "\n", StringComparison.Ordinal);
        UploadCheckpoint checkpoint = CheckpointSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "checkpoint-format.md");

        Assert.Equal("0004B9894A22E5B1888A1E29F8236E2D", checkpoint.UploadId);
        Assert.Equal(3, checkpoint.PartCount);
        Assert.Equal(new[] { 1, 3 }, new[] { checkpoint.CompletedParts[0].PartNumber, checkpoint.CompletedParts[1].PartNumber });
        Assert.Equal(5409316634556368277UL, checkpoint.CompletedParts[0].Crc64);
    }

    [Fact]
    public void Deserialize_UploadIdRecordExampleInCheckpointFormatDocument_LoadsWithStatedValues()
    {
        string document = File.ReadAllText(FindRepositoryFile(Path.Combine("docs", "checkpoint-format.md")));
        Match example = Regex.Match(document, "## The upload ID record.*?```json\r?\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, "the document has no upload ID record example");
        string json = example.Groups[1].Value.Replace("\r\n", "\n", StringComparison.Ordinal);
        var identity = new CheckpointIdentity("/data/backups/disk.vhdx", "examplebucket", "backups/2024/disk.vhdx");

        UploadIdRecord record = UploadIdRecordSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "checkpoint-format.md", identity);

        Assert.Equal("0004B9894A22E5B1888A1E29F8236E2D", record.UploadId);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 21, 2, DateTimeKind.Utc).AddTicks(1618300), record.InitiatedUtc);
        Assert.Equal(json, Encoding.UTF8.GetString(UploadIdRecordSerializer.Serialize(record)));
    }

    private static string FindRepositoryFile(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Not found above the test directory: " + relative);
    }
}
