using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using OssResumable.Core.Files;
using OssResumable.Core.Text;

namespace OssResumable.Core.Checkpoints;

/// <summary>
/// Which upload a checkpoint belongs to: one source file to one destination (<c>oss://bucket/key</c>).
/// The checkpoint's file name is derived from it, so two uploads never share a checkpoint and the same
/// upload always finds its own. The endpoint is deliberately not part of it (see docs/checkpoint-format.md):
/// a checkpoint made through another endpoint is found, reported as a mismatch and its upload aborted,
/// instead of being left orphaned under another name.
/// </summary>
public sealed class CheckpointIdentity : IEquatable<CheckpointIdentity>
{
    private const int MaxReadablePrefixLength = 40;

    /// <summary>Creates an identity.</summary>
    /// <param name="sourcePath">The source file; made absolute against the process's current directory if relative.</param>
    /// <param name="bucket">The destination bucket.</param>
    /// <param name="key">The destination object key.</param>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public CheckpointIdentity(string sourcePath, string bucket, string key)
    {
        if (string.IsNullOrEmpty(sourcePath))
        {
            throw new ArgumentException("The source path cannot be empty.", nameof(sourcePath));
        }

        if (string.IsNullOrEmpty(bucket))
        {
            throw new ArgumentException("The bucket cannot be empty.", nameof(bucket));
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("The object key cannot be empty.", nameof(key));
        }

        SourcePath = Path.GetFullPath(sourcePath);
        Bucket = bucket;
        Key = key;
        FileStem = BuildFileStem(SourcePath, bucket, key);
    }

    /// <summary>The absolute path of the source file.</summary>
    public string SourcePath { get; }

    /// <summary>The destination bucket.</summary>
    public string Bucket { get; }

    /// <summary>The destination object key.</summary>
    public string Key { get; }

    /// <summary>The destination as <c>oss://bucket/key</c>.</summary>
    public string Destination => "oss://" + Bucket + "/" + Key;

    /// <summary>
    /// The file-system-safe base name of the checkpoint files: a readable prefix from the source file
    /// name, a dot and 32 hex digits of SHA-256 over the source path and destination.
    /// </summary>
    public string FileStem { get; }

    /// <inheritdoc/>
    public bool Equals(CheckpointIdentity? other) =>
        other is not null && string.Equals(FileStem, other.FileStem, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as CheckpointIdentity);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FileStem);

    /// <inheritdoc/>
    public override string ToString() => SourcePath + " -> " + Destination;

    private static string BuildFileStem(string fullPath, string bucket, string key)
    {
        // NUL cannot occur in a path, so it separates the two fields unambiguously.
        byte[] input = Encoding.UTF8.GetBytes(PathComparison.NormalizeForIdentity(fullPath) + "\0oss://" + bucket + "/" + key);
        byte[] digest;
        using (var sha = SHA256.Create())
        {
            digest = sha.ComputeHash(input);
        }

        return ReadablePrefix(Path.GetFileName(fullPath)) + "." + HexFormat.ToLower(digest, 16);
    }

    // Only for people browsing the directory; uniqueness comes from the hash.
    private static string ReadablePrefix(string fileName)
    {
        var builder = new StringBuilder(MaxReadablePrefixLength);
        foreach (char c in fileName)
        {
            if (builder.Length == MaxReadablePrefixLength)
            {
                break;
            }

            bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
            builder.Append(safe ? c : '_');
        }

        string prefix = builder.ToString().TrimStart('.');
        return prefix.Length == 0 ? "upload" : prefix;
    }
}
