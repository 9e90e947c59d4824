using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace OssResumable.Driver;

/// <summary>Parses <c>verb --name value --flag ...</c>; every option is checked against the verb's list.</summary>
internal sealed class CommandLine
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "path-style", "no-checkpoint", "verbose", "quiet" };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CommandLine(string verb)
    {
        Verb = verb;
    }

    public const string Usage =
        "usage:\n"
        + "  upload        --endpoint URL --bucket B --key K --file F [--threads N|auto] [--part-size BYTES] [--checkpoint-dir DIR]\n"
        + "                [--no-checkpoint] [--multipart-threshold BYTES] [--content-type TYPE] [--max-bytes-per-second N]\n"
        + "  upload-many   --endpoint URL --bucket B --dir D [--prefix P] [--threads N|auto] [--part-size BYTES] [--checkpoint-dir DIR]\n"
        + "                [--no-checkpoint] [--multipart-threshold BYTES] [--max-bytes-per-second N]\n"
        + "                (every file under D, N at once, N requests in all; auto, the default: adaptive)\n"
        + "  resume        --endpoint URL --bucket B --key K --upload-id ID --file F [--threads N|auto] [--part-size BYTES]\n"
        + "  resume        --endpoint URL --checkpoint PATH [--threads N|auto]   (resume also takes --max-bytes-per-second N)\n"
        + "  abort         --endpoint URL --bucket B --key K --upload-id ID\n"
        + "  list-uploads  --endpoint URL --bucket B [--prefix P]\n"
        + "--threads: auto (the default: adaptive, 8 to start, a multipart upload on a far link up to 128, at most 256 in flight) or a fixed count from 1 to 256.\n"
        + "--auto-max-start N: with auto, the most parts in flight before the first measurement (default 128).\n"
        + "common options: [--region R] [--signature-version 1|4] [--path-style] [--max-retries N] [--retry-delay-ms MS]\n"
        + "                [--verbose] [--quiet]\n"
        + "credentials: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and optionally OSS_SESSION_TOKEN.\n"
        + "exit codes: 0 success, 1 failure, 2 usage error, 130 interrupted (SIGINT), 143 terminated (SIGTERM).\n";

    public string Verb { get; }

    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string[]> allowedByVerb)
    {
        if (args.Count == 0)
        {
            throw new UsageException("No command given.");
        }

        var line = new CommandLine(args[0]);
        if (!allowedByVerb.TryGetValue(line.Verb, out string[]? allowed))
        {
            throw new UsageException("Unknown command '" + line.Verb + "'.");
        }

        var allowedSet = new HashSet<string>(allowed, StringComparer.Ordinal);
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException("Unexpected argument '" + arg + "'.");
            }

            string name = arg.Substring(2);
            if (!allowedSet.Contains(name))
            {
                throw new UsageException("Option --" + name + " is not valid for '" + line.Verb + "'.");
            }

            if (Flags.Contains(name))
            {
                line._flags.Add(name);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException("Option --" + name + " needs a value.");
            }

            if (!line._values.TryAdd(name, args[++i]))
            {
                throw new UsageException("Option --" + name + " is given twice.");
            }
        }

        return line;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Optional(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw new UsageException("Option --" + name + " is required.");

    public long? OptionalLong(string name, long min, long max)
    {
        string? text = Optional(name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new UsageException(string.Format(CultureInfo.InvariantCulture, "Option --{0} must be a whole number from {1} to {2}; got '{3}'.", name, min, max, text));
        }

        return value;
    }

    public int? OptionalInt(string name, int min, int max) => (int?)OptionalLong(name, min, max);

    /// <summary>A path option made absolute against the current directory (what a shell user means).</summary>
    public string? OptionalPath(string name) => Optional(name) is string path ? Path.GetFullPath(path) : null;
}
