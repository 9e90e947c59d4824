namespace OssResumable.Emulator;

/// <summary>The OSS operations the emulator recognises (used by statistics and fault rules).</summary>
public enum EmulatorOperation
{
    /// <summary>A request the emulator does not implement (answered with 501 <c>NotImplemented</c>).</summary>
    Unsupported = 0,

    /// <summary><c>GET /</c> on the service.</summary>
    ListBuckets,

    /// <summary><c>PUT /bucket/</c>.</summary>
    PutBucket,

    /// <summary><c>DELETE /bucket/</c>.</summary>
    DeleteBucket,

    /// <summary><c>GET /bucket/?bucketInfo</c>.</summary>
    GetBucketInfo,

    /// <summary><c>GET /bucket/?location</c>.</summary>
    GetBucketLocation,

    /// <summary><c>GET /bucket/</c> (ListObjects version 1).</summary>
    ListObjects,

    /// <summary><c>GET /bucket/?list-type=2</c>.</summary>
    ListObjectsV2,

    /// <summary><c>POST /bucket/?delete</c>.</summary>
    DeleteMultipleObjects,

    /// <summary><c>GET /bucket/?uploads</c>.</summary>
    ListMultipartUploads,

    /// <summary><c>PUT /bucket/key</c>.</summary>
    PutObject,

    /// <summary><c>GET /bucket/key</c>.</summary>
    GetObject,

    /// <summary><c>HEAD /bucket/key</c>.</summary>
    HeadObject,

    /// <summary><c>HEAD|GET /bucket/key?objectMeta</c>.</summary>
    GetObjectMeta,

    /// <summary><c>GET /bucket/key?acl</c>.</summary>
    GetObjectAcl,

    /// <summary><c>DELETE /bucket/key</c>.</summary>
    DeleteObject,

    /// <summary><c>POST /bucket/key?uploads</c>.</summary>
    InitiateMultipartUpload,

    /// <summary><c>PUT /bucket/key?partNumber=N&amp;uploadId=ID</c>.</summary>
    UploadPart,

    /// <summary><c>POST /bucket/key?uploadId=ID</c>.</summary>
    CompleteMultipartUpload,

    /// <summary><c>DELETE /bucket/key?uploadId=ID</c>.</summary>
    AbortMultipartUpload,

    /// <summary><c>GET /bucket/key?uploadId=ID</c>.</summary>
    ListParts,

    /// <summary><c>GET /bucket/?acl</c> (SDKs use it to check that a bucket exists).</summary>
    GetBucketAcl,

    /// <summary><c>PUT /bucket/?acl</c> with <c>x-oss-acl</c>.</summary>
    PutBucketAcl,
}
