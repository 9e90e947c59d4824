using System.Threading.Tasks;
using OssResumable.Emulator.Http;

namespace OssResumable.Emulator.Operations;

/// <summary>Runs the handler of a classified, authenticated request.</summary>
internal static class OperationDispatcher
{
    public static async Task<OssResult> ExecuteAsync(EmulatorRuntime runtime, OssRequest request) => request.Operation switch
    {
        EmulatorOperation.ListBuckets => BucketOperations.ListBuckets(runtime, request),
        EmulatorOperation.PutBucket => await BucketOperations.PutBucketAsync(runtime, request),
        EmulatorOperation.DeleteBucket => BucketOperations.DeleteBucket(runtime, request),
        EmulatorOperation.GetBucketInfo => BucketOperations.GetBucketInfo(runtime, request),
        EmulatorOperation.GetBucketLocation => BucketOperations.GetBucketLocation(runtime, request),
        EmulatorOperation.GetBucketAcl => BucketOperations.GetBucketAcl(runtime, request),
        EmulatorOperation.PutBucketAcl => BucketOperations.PutBucketAcl(runtime, request),
        EmulatorOperation.ListObjects => ListingOperations.ListObjects(runtime, request),
        EmulatorOperation.ListObjectsV2 => ListingOperations.ListObjectsV2(runtime, request),
        EmulatorOperation.DeleteMultipleObjects => await ObjectOperations.DeleteMultipleObjectsAsync(runtime, request),
        EmulatorOperation.ListMultipartUploads => ListingOperations.ListMultipartUploads(runtime, request),
        EmulatorOperation.PutObject => await ObjectOperations.PutObjectAsync(runtime, request),
        EmulatorOperation.GetObject => ObjectOperations.GetObject(runtime, request, head: false),
        EmulatorOperation.HeadObject => ObjectOperations.GetObject(runtime, request, head: true),
        EmulatorOperation.GetObjectMeta => ObjectOperations.GetObjectMeta(runtime, request),
        EmulatorOperation.GetObjectAcl => ObjectOperations.GetObjectAcl(runtime, request),
        EmulatorOperation.DeleteObject => ObjectOperations.DeleteObject(runtime, request),
        EmulatorOperation.InitiateMultipartUpload => MultipartOperations.Initiate(runtime, request),
        EmulatorOperation.UploadPart => await MultipartOperations.UploadPartAsync(runtime, request),
        EmulatorOperation.CompleteMultipartUpload => await MultipartOperations.CompleteAsync(runtime, request),
        EmulatorOperation.AbortMultipartUpload => MultipartOperations.Abort(runtime, request),
        EmulatorOperation.ListParts => MultipartOperations.ListParts(runtime, request),
        _ => throw OssErrors.NotImplemented(request.UnsupportedReason),
    };
}
