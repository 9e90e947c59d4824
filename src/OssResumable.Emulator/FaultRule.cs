using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using OssResumable.Core.Signing;
using OssResumable.Emulator.Cli;
using OssResumable.Emulator.Faults;

namespace OssResumable.Emulator;

/// <summary>
/// A fault to inject: which requests it matches (operation, bucket, key, part number, upload id — null
/// means "any"), when it fires (after <see cref="Skip"/> matching requests, at most <see cref="Times"/>
/// times) and what it does (<see cref="Action"/>).
/// </summary>
/// <remarks>
/// Rules are matched after the request is authenticated, so a fault never hides an authentication
/// error. Every matching request counts toward <see cref="Skip"/>; once a rule has fired
/// <see cref="Times"/> times it stays in the collection (for inspection) but no longer fires.
/// A rule is the same object before and after it is added, so tests can keep a reference and read
/// <see cref="FiredCount"/>. See docs/emulator.md for the SPEC syntax of <see cref="Parse"/>.
/// </remarks>
public sealed class FaultRule
{
    private int _matched;
    private int _fired;

    /// <summary>The id assigned when the rule is added to a <see cref="FaultRuleCollection"/>, or null before.</summary>
    public string? Id { get; internal set; }

    /// <summary>The operation to match, or null for every operation.</summary>
    public EmulatorOperation? Operation { get; init; }

    /// <summary>The bucket to match, or null for any.</summary>
    public string? Bucket { get; init; }

    /// <summary>The object key to match (exact), or null for any.</summary>
    public string? Key { get; init; }

    /// <summary>The part number to match (UploadPart), or null for any.</summary>
    public int? PartNumber { get; init; }

    /// <summary>The upload id to match, or null for any.</summary>
    public string? UploadId { get; init; }

    /// <summary>How many matching requests to let through before the rule fires (0 = fire on the first).</summary>
    public int Skip { get; init; }

    /// <summary>How many times the rule fires; null for every matching request after <see cref="Skip"/>.</summary>
    public int? Times { get; init; } = 1;

    /// <summary>What the rule does.</summary>
    public FaultAction Action { get; init; } = FaultAction.Error;

    /// <summary>HTTP status for <see cref="FaultAction.Error"/> (400–599).</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>OSS error code for <see cref="FaultAction.Error"/>.</summary>
    public string ErrorCode { get; init; } = "InternalError";

    /// <summary>Error message for <see cref="FaultAction.Error"/>, or null for a generic one.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Request body bytes to read before <see cref="FaultAction.ResetConnection"/> aborts the connection.</summary>
    public long ResetAfterBytes { get; init; }

    /// <summary>Latency added by <see cref="FaultAction.Delay"/>.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Body rate for <see cref="FaultAction.Throttle"/>.</summary>
    public long BytesPerSecond { get; init; }

    /// <summary>How many requests matched the rule so far (including skipped ones).</summary>
    public int MatchedCount => Volatile.Read(ref _matched);

    /// <summary>How many times the rule fired so far.</summary>
    public int FiredCount => Volatile.Read(ref _fired);

    /// <summary>Whether the rule has fired <see cref="Times"/> times and will not fire again.</summary>
    public bool IsExhausted => Times is int times && FiredCount >= times;

    /// <summary>
    /// Parses a SPEC: comma-separated <c>name=value</c> pairs, for example
    /// <c>op=UploadPart,part=3,action=error,status=503,code=ServiceUnavailable,times=2</c> or
    /// <c>op=CompleteMultipartUpload,action=drop-response</c>. Names: <c>op</c>, <c>bucket</c>,
    /// <c>key</c>, <c>part</c>, <c>upload</c>, <c>skip</c>, <c>times</c> (number or <c>*</c>),
    /// <c>action</c> (<c>error</c>, <c>reset</c>, <c>delay</c>, <c>throttle</c>, <c>vanish</c>,
    /// <c>corrupt-crc</c>, <c>drop-response</c>), <c>status</c>, <c>code</c>, <c>message</c>,
    /// <c>bytes</c>, <c>ms</c>, <c>bps</c>. Values are percent-decoded (write <c>%2C</c> for a comma).
    /// </summary>
    /// <param name="spec">The SPEC text.</param>
    /// <returns>A validated rule.</returns>
    /// <exception cref="FormatException">The SPEC is malformed or inconsistent.</exception>
    public static FaultRule Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Dictionary<string, string> values = SpecPairs.Parse(spec, "Fault SPEC");
        return FromValues(values);
    }

    /// <summary>Describes the rule in SPEC syntax (plus its counters).</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append("op=").Append(Operation?.ToString() ?? "*");
        AppendIf(builder, "bucket", Bucket);
        AppendIf(builder, "key", Key is null ? null : OssUriEncoder.Encode(Key, keepSlash: true));
        AppendIf(builder, "part", PartNumber?.ToString(CultureInfo.InvariantCulture));
        AppendIf(builder, "upload", UploadId);
        builder.Append(",action=").Append(ActionName(Action));
        switch (Action)
        {
            case FaultAction.Error:
                builder.Append(",status=").Append(StatusCode.ToString(CultureInfo.InvariantCulture)).Append(",code=").Append(ErrorCode);
                break;
            case FaultAction.ResetConnection:
                builder.Append(",bytes=").Append(ResetAfterBytes.ToString(CultureInfo.InvariantCulture));
                break;
            case FaultAction.Delay:
                builder.Append(",ms=").Append(((long)Delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
                break;
            case FaultAction.Throttle:
                builder.Append(",bps=").Append(BytesPerSecond.ToString(CultureInfo.InvariantCulture));
                break;
        }

        builder.Append(",skip=").Append(Skip.ToString(CultureInfo.InvariantCulture));
        builder.Append(",times=").Append(Times?.ToString(CultureInfo.InvariantCulture) ?? "*");
        builder.Append(" (fired ").Append(FiredCount.ToString(CultureInfo.InvariantCulture)).Append(')');
        return builder.ToString();
    }

    /// <summary>The SPEC name of an action (<c>error</c>, <c>reset</c>, ...).</summary>
    /// <param name="action">The action.</param>
    /// <returns>The lower-case SPEC name.</returns>
    internal static string ActionName(FaultAction action) => action switch
    {
        FaultAction.Error => "error",
        FaultAction.ResetConnection => "reset",
        FaultAction.Delay => "delay",
        FaultAction.Throttle => "throttle",
        FaultAction.VanishUpload => "vanish",
        FaultAction.CorruptCrc => "corrupt-crc",
        FaultAction.DropResponse => "drop-response",
        _ => action.ToString(),
    };

    /// <summary>Parses an action from its SPEC name or its enum name (case-insensitive).</summary>
    /// <param name="text">The name.</param>
    /// <returns>The action.</returns>
    /// <exception cref="FormatException">Unknown action.</exception>
    internal static FaultAction ParseAction(string text)
    {
        foreach (FaultAction action in Enum.GetValues<FaultAction>())
        {
            if (string.Equals(text, ActionName(action), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(text, action.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return action;
            }
        }

        throw new FormatException("Unknown fault action '" + text + "' (error, reset, delay, throttle, vanish, corrupt-crc, drop-response).");
    }

    /// <summary>Parses an operation name (case-insensitive); <c>*</c> or empty means any.</summary>
    /// <param name="text">The name.</param>
    /// <returns>The operation or null.</returns>
    /// <exception cref="FormatException">Unknown operation.</exception>
    internal static EmulatorOperation? ParseOperation(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == "*")
        {
            return null;
        }

        if (Enum.TryParse(text, ignoreCase: true, out EmulatorOperation operation) && Enum.IsDefined(operation) && !char.IsDigit(text[0]))
        {
            return operation;
        }

        throw new FormatException("Unknown operation '" + text + "'.");
    }

    /// <summary>Checks that the rule's settings fit its action.</summary>
    /// <exception cref="ArgumentException">The rule is inconsistent.</exception>
    internal void Validate()
    {
        if (Skip < 0)
        {
            throw new ArgumentException("Skip cannot be negative.");
        }

        if (Times is < 1)
        {
            throw new ArgumentException("Times must be at least 1 (or null for unlimited).");
        }

        if (PartNumber is < 1 or > 10000)
        {
            throw new ArgumentException("PartNumber must be within 1..10000.");
        }

        switch (Action)
        {
            case FaultAction.Error when StatusCode is < 400 or > 599:
                throw new ArgumentException("An error fault needs a status within 400..599.");
            case FaultAction.Error when string.IsNullOrWhiteSpace(ErrorCode):
                throw new ArgumentException("An error fault needs an error code.");
            case FaultAction.ResetConnection when ResetAfterBytes < 0:
                throw new ArgumentException("ResetAfterBytes cannot be negative.");
            case FaultAction.Delay when Delay <= TimeSpan.Zero:
                throw new ArgumentException("A delay fault needs a positive delay.");
            case FaultAction.Throttle when BytesPerSecond <= 0:
                throw new ArgumentException("A throttle fault needs a positive BytesPerSecond.");
        }
    }

    /// <summary>Whether the rule applies to a request (ignoring skip/times).</summary>
    /// <param name="target">The request.</param>
    /// <returns>True when every set criterion equals the request's value.</returns>
    internal bool Matches(FaultTarget target) =>
        (Operation is null || Operation == target.Operation) &&
        (Bucket is null || string.Equals(Bucket, target.Bucket, StringComparison.Ordinal)) &&
        (Key is null || string.Equals(Key, target.Key, StringComparison.Ordinal)) &&
        (PartNumber is null || PartNumber == target.PartNumber) &&
        (UploadId is null || string.Equals(UploadId, target.UploadId, StringComparison.Ordinal));

    /// <summary>Counts a match and decides whether the rule fires now. Callers serialise calls.</summary>
    /// <returns>True when the rule fires for this request.</returns>
    internal bool RegisterMatch()
    {
        int matched = Interlocked.Increment(ref _matched);
        if (matched <= Skip || IsExhausted)
        {
            return false;
        }

        Interlocked.Increment(ref _fired);
        return true;
    }

    private static FaultRule FromValues(Dictionary<string, string> values)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "op", "operation", "bucket", "key", "part", "upload", "skip", "times", "action", "status", "code", "message", "bytes", "ms", "bps",
        };
        foreach (string name in values.Keys)
        {
            if (!known.Contains(name))
            {
                throw new FormatException("Unknown fault SPEC name '" + name + "'.");
            }
        }

        string? Get(string name) => values.TryGetValue(name, out string? v) ? v : null;
        string? opText = Get("op") ?? Get("operation");
        if (values.ContainsKey("op") && values.ContainsKey("operation"))
        {
            throw new FormatException("Use either 'op' or 'operation', not both.");
        }

        string? times = Get("times");
        var rule = new FaultRule
        {
            Operation = ParseOperation(opText),
            Bucket = EmptyToNull(Get("bucket")),
            Key = EmptyToNull(Get("key")),
            PartNumber = ParseOptionalInt(Get("part"), "part"),
            UploadId = EmptyToNull(Get("upload")),
            Skip = ParseOptionalInt(Get("skip"), "skip") ?? 0,
            Times = times is null ? 1 : times is "*" or "unlimited" ? null : ParseOptionalInt(times, "times"),
            Action = Get("action") is string a ? ParseAction(a) : FaultAction.Error,
            StatusCode = ParseOptionalInt(Get("status"), "status") ?? 500,
            ErrorCode = Get("code") ?? "InternalError",
            ErrorMessage = EmptyToNull(Get("message")),
            ResetAfterBytes = ParseOptionalLong(Get("bytes"), "bytes") ?? 0,
            Delay = TimeSpan.FromMilliseconds(ParseOptionalLong(Get("ms"), "ms") ?? 0),
            BytesPerSecond = ParseOptionalLong(Get("bps"), "bps") ?? 0,
        };
        try
        {
            rule.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("Invalid fault SPEC: " + ex.Message, ex);
        }

        return rule;
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int? ParseOptionalInt(string? text, string name) =>
        text is null ? null :
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value :
        throw new FormatException("Fault SPEC value of '" + name + "' must be a non-negative integer.");

    private static long? ParseOptionalLong(string? text, string name) =>
        text is null ? null :
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value :
        throw new FormatException("Fault SPEC value of '" + name + "' must be a non-negative integer.");

    private static void AppendIf(StringBuilder builder, string name, string? value)
    {
        if (value is not null)
        {
            builder.Append(',').Append(name).Append('=').Append(value);
        }
    }
}
