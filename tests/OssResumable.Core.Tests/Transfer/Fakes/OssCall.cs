namespace OssResumable.Core.Tests.Transfer.Fakes;

/// <summary>One operation <see cref="InMemoryOss"/> received.</summary>
/// <param name="Operation">The OSS operation name, e.g. <c>UploadPart</c>.</param>
/// <param name="Key">The object key (the prefix for ListMultipartUploads).</param>
/// <param name="UploadId">The upload, or null.</param>
/// <param name="PartNumber">The part, or null.</param>
internal sealed record OssCall(string Operation, string Key, string? UploadId, int? PartNumber);
