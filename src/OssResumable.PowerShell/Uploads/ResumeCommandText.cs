using System.Collections.Generic;
using System.Text;

namespace OssResumable.PowerShell.Uploads;

/// <summary>
/// Builds the exact <c>Resume-OssUpload</c> command that finishes an interrupted upload, for the
/// warning after Ctrl+C and for error messages. Values are single-quoted with PowerShell's escaping,
/// so the text can be pasted as it is. Connection parameters the user gave are repeated; credentials
/// never are (they come from the same place as before).
/// </summary>
internal sealed class ResumeCommandText
{
    private readonly List<KeyValuePair<string, string?>> _connection = new();

    /// <summary>Adds a connection parameter to repeat (ignored when the value is null or empty).</summary>
    /// <param name="name">Parameter name without the dash, e.g. <c>Region</c>.</param>
    /// <param name="value">Its value; null or empty = not given.</param>
    /// <returns>This builder.</returns>
    public ResumeCommandText WithConnection(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _connection.Add(new KeyValuePair<string, string?>(name, value));
        }

        return this;
    }

    /// <summary>Adds a switch to repeat (e.g. <c>PathStyle</c>) when set.</summary>
    /// <param name="name">Switch name without the dash.</param>
    /// <param name="isSet">Whether it was given.</param>
    /// <returns>This builder.</returns>
    public ResumeCommandText WithSwitch(string name, bool isSet)
    {
        if (isSet)
        {
            _connection.Add(new KeyValuePair<string, string?>(name, null));
        }

        return this;
    }

    /// <summary>Quotes a value for PowerShell: single quotes, with embedded quotes doubled.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The quoted literal.</returns>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('\'');
        foreach (char c in value)
        {
            // PowerShell treats the typographic single quotes as quote characters too.
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B')
            {
                builder.Append(c);
            }

            builder.Append(c);
        }

        builder.Append('\'');
        return builder.ToString();
    }

    /// <summary>The command for resuming from a checkpoint file.</summary>
    /// <param name="checkpointPath">The checkpoint file.</param>
    /// <returns>The command text.</returns>
    public string FromCheckpoint(string checkpointPath) =>
        "Resume-OssUpload -CheckpointPath " + Quote(checkpointPath) + Connection();

    /// <summary>The command for resuming by upload id (no checkpoint).</summary>
    /// <param name="bucket">Bucket.</param>
    /// <param name="key">Object key.</param>
    /// <param name="uploadId">Upload id.</param>
    /// <param name="localPath">The local file.</param>
    /// <returns>The command text.</returns>
    public string FromUploadId(string bucket, string key, string uploadId, string localPath) =>
        "Resume-OssUpload -Bucket " + Quote(bucket) + " -Key " + Quote(key) + " -UploadId " + Quote(uploadId)
            + " -LiteralPath " + Quote(localPath) + Connection();

    private string Connection()
    {
        var builder = new StringBuilder();
        foreach (KeyValuePair<string, string?> pair in _connection)
        {
            builder.Append(" -").Append(pair.Key);
            if (pair.Value is not null)
            {
                builder.Append(' ').Append(Quote(pair.Value));
            }
        }

        return builder.ToString();
    }
}
