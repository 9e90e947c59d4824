using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OssResumable.Emulator.Storage;

/// <summary>
/// The store's files: metadata documents written so that readers (and a restarted emulator) see either
/// the old or the new content, never a torn file (a uniquely named temp file, then a rename over the
/// target; not flushed to disk, unlike the client's durable checkpoint writes), and best-effort deletes.
/// </summary>
internal static class StoreFiles
{
    public const string TempSuffix = ".tmp";

    public static void WriteJson<T>(string path, T value, JsonTypeInfo<T> typeInfo)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + TempSuffix;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16384))
            {
                JsonSerializer.Serialize(stream, value, typeInfo);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static T? ReadJson<T>(string path, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16384);
        try
        {
            return JsonSerializer.Deserialize(stream, typeInfo);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("Corrupt metadata file: " + path, ex);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: leftovers are collected at the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
