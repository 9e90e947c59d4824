using System;
using System.Collections.Generic;

namespace OssResumable.Emulator.Http;

/// <summary>
/// Thrown inside the emulator to answer a request with an OSS error response: HTTP status, error code,
/// message, EC and extra XML elements (the client side of the protocol has its own Core.Protocol.OssException).
/// </summary>
internal sealed class ErrorResponseException : Exception
{
    public ErrorResponseException(int statusCode, string code, string message, string ec, params (string Name, string Value)[] extras)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        Ec = ec;
        Extras = extras;
    }

    public ErrorResponseException(int statusCode, string code, string message, string ec, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Code = code;
        Ec = ec;
        Extras = Array.Empty<(string, string)>();
    }

    public int StatusCode { get; }

    public string Code { get; }

    public string Ec { get; }

    public IReadOnlyList<(string Name, string Value)> Extras { get; }

    /// <summary>Extra response headers (for example <c>Content-Range</c> on 416).</summary>
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = Array.Empty<(string, string)>();
}
