namespace OssResumable.Core.Protocol;

/// <summary>How requests are signed.</summary>
public enum OssSignatureVersion
{
    /// <summary>Signature V1: <c>Authorization: OSS AccessKeyId:Signature</c> (HMAC-SHA1). Needs no region.</summary>
    V1 = 1,

    /// <summary>Signature V4: <c>OSS4-HMAC-SHA256</c>, scoped to a region. The default.</summary>
    V4 = 4,
}
