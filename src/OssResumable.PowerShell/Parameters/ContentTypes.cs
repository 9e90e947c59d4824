using System;
using System.Collections.Generic;
using System.IO;

namespace OssResumable.PowerShell.Parameters;

/// <summary>
/// Guesses a Content-Type from a file extension when <c>-ContentType</c> is not given, so objects
/// served from OSS (browsers, CDNs) behave like the files they came from. Unknown extensions get
/// <c>application/octet-stream</c>, the type OSS itself assumes.
/// </summary>
internal static class ContentTypes
{
    /// <summary>The type for unknown extensions.</summary>
    public const string Default = "application/octet-stream";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".7z"] = "application/x-7z-compressed",
        [".avi"] = "video/x-msvideo",
        [".bak"] = Default,
        [".bmp"] = "image/bmp",
        [".bz2"] = "application/x-bzip2",
        [".css"] = "text/css",
        [".csv"] = "text/csv",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".gif"] = "image/gif",
        [".gz"] = "application/gzip",
        [".htm"] = "text/html",
        [".html"] = "text/html",
        [".ico"] = "image/x-icon",
        [".iso"] = "application/x-iso9660-image",
        [".jpeg"] = "image/jpeg",
        [".jpg"] = "image/jpeg",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".log"] = "text/plain",
        [".md"] = "text/markdown",
        [".mjs"] = "text/javascript",
        [".mkv"] = "video/x-matroska",
        [".mov"] = "video/quicktime",
        [".mp3"] = "audio/mpeg",
        [".mp4"] = "video/mp4",
        [".ogg"] = "audio/ogg",
        [".parquet"] = "application/vnd.apache.parquet",
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".ps1"] = "text/plain",
        [".rar"] = "application/vnd.rar",
        [".svg"] = "image/svg+xml",
        [".tar"] = "application/x-tar",
        [".tgz"] = "application/gzip",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".txt"] = "text/plain",
        [".wasm"] = "application/wasm",
        [".wav"] = "audio/wav",
        [".webm"] = "video/webm",
        [".webp"] = "image/webp",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".xml"] = "application/xml",
        [".xz"] = "application/x-xz",
        [".yaml"] = "application/yaml",
        [".yml"] = "application/yaml",
        [".zip"] = "application/zip",
        [".zst"] = "application/zstd",
    };

    /// <summary>The Content-Type for a file name.</summary>
    /// <param name="fileName">A file name or path.</param>
    /// <returns>The guessed type, or <see cref="Default"/>.</returns>
    public static string Guess(string fileName)
    {
        string extension = Path.GetExtension(fileName ?? string.Empty);
        return extension.Length > 0 && ByExtension.TryGetValue(extension, out string? type) ? type : Default;
    }
}
