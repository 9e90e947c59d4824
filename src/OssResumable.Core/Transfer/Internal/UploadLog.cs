using System;
using System.Threading;

namespace OssResumable.Core.Transfer.Internal;

/// <summary>Writes <see cref="UploadLogEntry"/> values for one upload to the caller's sink, never letting the sink fail the upload.</summary>
internal sealed class UploadLog
{
    private readonly Action<UploadLogEntry>? _sink;
    private readonly string _bucket;
    private readonly string _key;
    private readonly string? _filePath;
    private string? _uploadId;

    public UploadLog(Action<UploadLogEntry>? sink, string bucket, string key, string? filePath)
    {
        _sink = sink;
        _bucket = bucket;
        _key = key;
        _filePath = filePath;
    }

    /// <summary>The upload ID attached to later entries.</summary>
    public string? UploadId
    {
        get => Volatile.Read(ref _uploadId);
        set => Volatile.Write(ref _uploadId, value);
    }

    public void Verbose(string message) => Write(UploadLogLevel.Verbose, message);

    public void Warning(string message) => Write(UploadLogLevel.Warning, message);

    private void Write(UploadLogLevel level, string message)
    {
        if (_sink is null)
        {
            return;
        }

        try
        {
            _sink(new UploadLogEntry(level, message, _bucket, _key, _filePath, UploadId, DateTime.UtcNow));
        }
#pragma warning disable CA1031 // A logging sink must never turn a working upload into a failed one.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
