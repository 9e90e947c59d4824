using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OssResumable.Core.Signing;

namespace OssResumable.Emulator.Http;

/// <summary>
/// Verifies V1 and V4 signatures (header and presigned URL) and STS tokens, in the order OSS does:
/// scheme, AccessKey ID, time window, signature, then token. The canonical strings come from the
/// shared Core signing code, fed with the decoded bucket, key, query and headers of the request.
/// </summary>
internal sealed class Authenticator
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private const int MaxPresignSeconds = 604800;
    private const string V4Prefix = OssSignatureV4.Algorithm + " ";

    private readonly CredentialStore _credentials;
    private readonly EmulatorClock _clock;
    private readonly string _region;

    public Authenticator(CredentialStore credentials, EmulatorClock clock, string region)
    {
        _credentials = credentials;
        _clock = clock;
        _region = region;
    }

    /// <exception cref="ErrorResponseException">The request is not properly authenticated.</exception>
    public void Authenticate(OssRequest request)
    {
        DateTimeOffset now = _clock.UtcNow;
        string? authorization = request.GetHeader("Authorization");
        if (authorization is not null)
        {
            if (authorization.StartsWith(V4Prefix, StringComparison.Ordinal))
            {
                VerifyV4Header(request, authorization[V4Prefix.Length..], now);
            }
            else if (authorization.StartsWith("OSS2 ", StringComparison.Ordinal))
            {
                throw OssErrors.AccessDenied("Signature version 2 (OSS2) is not supported by this server; sign with V1 (OSS) or V4 (OSS4-HMAC-SHA256).");
            }
            else if (authorization.StartsWith("OSS ", StringComparison.Ordinal))
            {
                VerifyV1Header(request, authorization[4..], now);
            }
            else
            {
                throw InvalidAuthorization();
            }
        }
        else if (request.HasQuery("x-oss-signature-version"))
        {
            VerifyV4Query(request, now);
        }
        else if (request.HasQuery("OSSAccessKeyId") || request.HasQuery("Signature"))
        {
            VerifyV1Query(request, now);
        }
        else
        {
            throw OssErrors.AccessDenied("Anonymous access is forbidden: sign the request (V1 or V4).");
        }
    }

    private static ErrorResponseException InvalidAuthorization() =>
        OssErrors.InvalidArgument("Authorization header is invalid.", "Authorization", "(not shown)");

    // The header for header-signed requests, security-token for V1 URLs, x-oss-security-token for V4 URLs.
    private static string? TokenOf(OssRequest request) =>
        request.GetHeader("x-oss-security-token") ?? request.GetQuery("security-token") ?? request.GetQuery("x-oss-security-token");

    private static bool SignatureEquals(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(provided));

    private static bool TryParseRfc1123(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value) ||
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    private static bool TryParseV4Timestamp(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null &&
            DateTimeOffset.TryParseExact(text, OssSignatureV4.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    private static void CheckSkew(DateTimeOffset requestTime, DateTimeOffset now)
    {
        if ((requestTime - now).Duration() > MaxSkew)
        {
            throw OssErrors.RequestTimeTooSkewed(requestTime, now, presigned: false);
        }
    }

    private EmulatorCredential FindCredential(string accessKeyId) =>
        _credentials.Find(accessKeyId) ?? throw OssErrors.InvalidAccessKeyId(accessKeyId);

    private void VerifyV1Header(OssRequest request, string rest, DateTimeOffset now)
    {
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1)
        {
            throw InvalidAuthorization();
        }

        string accessKeyId = rest[..colon].Trim();
        string provided = rest[(colon + 1)..].Trim();
        EmulatorCredential credential = FindCredential(accessKeyId);

        // OSS signs x-oss-date when present, else Date; SDKs differ, so both values are tried.
        string? ossDate = request.GetHeader("x-oss-date");
        string? date = request.GetHeader("Date");
        string? primary = ossDate ?? date;
        if (primary is null || !TryParseRfc1123(primary, out DateTimeOffset requestTime))
        {
            throw OssErrors.AccessDenied("A valid Date or x-oss-date header (RFC 1123) is required.");
        }

        CheckSkew(requestTime, now);
        SigningRequest signing = request.ToSigningRequest();
        var candidates = new List<string> { primary };
        if (ossDate is not null && date is not null && !string.Equals(ossDate, date, StringComparison.Ordinal))
        {
            candidates.Add(date);
        }

        string firstStringToSign = string.Empty;
        bool matched = false;
        foreach (string dateLine in candidates)
        {
            string stringToSign = OssSignatureV1.BuildStringToSign(signing, dateLine);
            if (firstStringToSign.Length == 0)
            {
                firstStringToSign = stringToSign;
            }

            if (SignatureEquals(OssSignatureV1.ComputeSignature(credential.AccessKeySecret, stringToSign), provided))
            {
                matched = true;
                break;
            }
        }

        if (!matched)
        {
            throw OssErrors.SignatureDoesNotMatch(accessKeyId, provided, firstStringToSign, null);
        }

        CheckToken(credential, TokenOf(request), now);
    }

    private void VerifyV1Query(OssRequest request, DateTimeOffset now)
    {
        string? accessKeyId = request.GetQuery("OSSAccessKeyId");
        string? provided = request.GetQuery("Signature");
        string? expiresText = request.GetQuery("Expires");
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(provided) || string.IsNullOrEmpty(expiresText))
        {
            throw OssErrors.AccessDenied("A V1 presigned URL needs OSSAccessKeyId, Expires and Signature.");
        }

        // Base64 never contains spaces: a '+' that was not percent-encoded arrives as a space.
        provided = provided.Replace(' ', '+');
        EmulatorCredential credential = FindCredential(accessKeyId);
        if (!long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out long expiresSeconds))
        {
            throw OssErrors.InvalidArgument("Expires must be a Unix time in seconds.", "Expires", expiresText);
        }

        DateTimeOffset expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresSeconds, 253402300799));
        if (now > expires)
        {
            throw OssErrors.RequestExpired(expires, now);
        }

        string stringToSign = OssSignatureV1.BuildStringToSign(request.ToSigningRequest(), expiresText);
        if (!SignatureEquals(OssSignatureV1.ComputeSignature(credential.AccessKeySecret, stringToSign), provided))
        {
            throw OssErrors.SignatureDoesNotMatch(accessKeyId, provided, stringToSign, null);
        }

        CheckToken(credential, TokenOf(request), now);
    }

    private void VerifyV4Header(OssRequest request, string rest, DateTimeOffset now)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw InvalidAuthorization();
            }

            fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }

        if (!fields.TryGetValue("Credential", out string? credentialText) || !fields.TryGetValue("Signature", out string? provided))
        {
            throw InvalidAuthorization();
        }

        fields.TryGetValue("AdditionalHeaders", out string? additional);
        string timestamp = request.GetHeader("x-oss-date") ?? string.Empty;
        if (!TryParseV4Timestamp(timestamp, out DateTimeOffset requestTime))
        {
            // Check the AccessKey ID first so an unknown key is reported as such.
            FindCredential(credentialText.Split('/')[0]);
            throw OssErrors.AccessDenied("V4 requests need an x-oss-date header in yyyyMMddTHHmmssZ format.");
        }

        VerifyV4(request, credentialText, provided, additional, timestamp, requestTime, now, presigned: false, excludedQuery: null);
    }

    private void VerifyV4Query(OssRequest request, DateTimeOffset now)
    {
        if (!string.Equals(request.GetQuery("x-oss-signature-version"), OssSignatureV4.Algorithm, StringComparison.Ordinal))
        {
            throw OssErrors.InvalidArgument("x-oss-signature-version must be " + OssSignatureV4.Algorithm + ".", "x-oss-signature-version", request.GetQuery("x-oss-signature-version") ?? string.Empty);
        }

        string? credentialText = request.GetQuery("x-oss-credential");
        string? provided = request.GetQuery("x-oss-signature");
        string? timestamp = request.GetQuery("x-oss-date");
        string? expiresText = request.GetQuery("x-oss-expires");
        if (string.IsNullOrEmpty(credentialText) || string.IsNullOrEmpty(provided) || timestamp is null || expiresText is null)
        {
            throw OssErrors.AccessDenied("A V4 presigned URL needs x-oss-credential, x-oss-date, x-oss-expires and x-oss-signature.");
        }

        if (!int.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out int expiresSeconds) || expiresSeconds < 1 || expiresSeconds > MaxPresignSeconds)
        {
            throw OssErrors.InvalidArgument("x-oss-expires must be an integer between 1 and 604800.", "x-oss-expires", expiresText);
        }

        if (!TryParseV4Timestamp(timestamp, out DateTimeOffset signedAt))
        {
            throw OssErrors.AccessDenied("x-oss-date must be in yyyyMMddTHHmmssZ format.");
        }

        FindCredential(credentialText.Split('/')[0]);
        if (signedAt > now + MaxSkew)
        {
            throw OssErrors.RequestTimeTooSkewed(signedAt, now, presigned: true);
        }

        if (now > signedAt.AddSeconds(expiresSeconds))
        {
            throw OssErrors.RequestExpired(signedAt.AddSeconds(expiresSeconds), now);
        }

        VerifyV4(request, credentialText, provided, request.GetQuery("x-oss-additional-headers"), timestamp, signedAt, now, presigned: true, excludedQuery: "x-oss-signature");
    }

    private void VerifyV4(
        OssRequest request,
        string credentialText,
        string provided,
        string? additionalHeaders,
        string timestamp,
        DateTimeOffset requestTime,
        DateTimeOffset now,
        bool presigned,
        string? excludedQuery)
    {
        string[] scopeParts = credentialText.Split('/');
        if (scopeParts.Length != 5 || scopeParts.Any(p => p.Length == 0))
        {
            throw OssErrors.InvalidArgument("The V4 credential must be AccessKeyId/yyyyMMdd/region/oss/aliyun_v4_request.", "Credential", credentialText);
        }

        (string accessKeyId, string date, string region, string product, string terminator) = (scopeParts[0], scopeParts[1], scopeParts[2], scopeParts[3], scopeParts[4]);
        EmulatorCredential credential = FindCredential(accessKeyId);
        if (!presigned)
        {
            CheckSkew(requestTime, now);
        }

        if (!string.Equals(date, timestamp[..8], StringComparison.Ordinal))
        {
            throw OssErrors.SignatureDoesNotMatch("The date in the V4 credential scope (" + date + ") is not the date of x-oss-date (" + timestamp + ").");
        }

        if (!string.Equals(region, _region, StringComparison.Ordinal))
        {
            throw OssErrors.InvalidSigningRegion();
        }

        if (!string.Equals(product, OssSignatureV4.DefaultProduct, StringComparison.Ordinal))
        {
            throw OssErrors.InvalidSigningProduct();
        }

        if (!string.Equals(terminator, OssSignatureV4.RequestTerminator, StringComparison.Ordinal))
        {
            throw OssErrors.SignatureDoesNotMatch("The V4 credential scope must end with /oss/aliyun_v4_request.");
        }

        IEnumerable<string>? additional = string.IsNullOrEmpty(additionalHeaders) ? null : additionalHeaders.Split(';');
        string canonicalRequest = OssSignatureV4.BuildCanonicalRequest(request.ToSigningRequest(excludedQuery), additional);
        string scope = OssSignatureV4.BuildScope(date, region, product);
        string stringToSign = OssSignatureV4.BuildStringToSign(timestamp, scope, canonicalRequest);
        string expected = OssSignatureV4.ComputeSignature(OssSignatureV4.DeriveSigningKey(credential.AccessKeySecret, date, region, product), stringToSign);
        if (!SignatureEquals(expected, provided.ToLowerInvariant()))
        {
            throw OssErrors.SignatureDoesNotMatch(accessKeyId, provided, stringToSign, canonicalRequest);
        }

        CheckToken(credential, TokenOf(request), now);
    }

    private void CheckToken(EmulatorCredential credential, string? token, DateTimeOffset now)
    {
        if (token is null)
        {
            if (credential.SecurityToken is not null)
            {
                throw OssErrors.InvalidSecurityToken("This AccessKey ID belongs to a temporary (STS) credential; the request must carry its security token.");
            }

            return;
        }

        if (credential.SecurityToken is not null && string.Equals(credential.SecurityToken, token, StringComparison.Ordinal))
        {
            if (credential.TokenExpires is DateTimeOffset expires && now >= expires)
            {
                throw OssErrors.SecurityTokenExpired(expires, now);
            }

            return;
        }

        if (_credentials.FindByToken(token) is not null)
        {
            throw OssErrors.AccessKeyIdAndSecurityTokenNotMatch(credential.AccessKeyId);
        }

        throw OssErrors.InvalidSecurityToken("The security token you provided is invalid.");
    }
}
