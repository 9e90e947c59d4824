using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using OssResumable.Emulator.Http;
using OssResumable.Emulator.Storage;
using OssResumable.Emulator.Xml;

namespace OssResumable.Emulator.Operations;

/// <summary>ListBuckets, PutBucket, DeleteBucket, GetBucketInfo, GetBucketLocation, GetBucketAcl, PutBucketAcl.</summary>
internal static class BucketOperations
{
    public static OssResult ListBuckets(EmulatorRuntime runtime, OssRequest request)
    {
        string prefix = request.GetQuery("prefix") ?? string.Empty;
        string marker = request.GetQuery("marker") ?? string.Empty;
        int maxKeys = RequestValidation.ParseLimit(request, "max-keys", 100);
        List<BucketState> matching = runtime.Store.Buckets
            .Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(b.Name, marker) > 0)
            .ToList();
        List<BucketState> page = matching.Take(maxKeys).ToList();
        bool truncated = matching.Count > page.Count;

        using var xml = new XmlBuilder("ListAllMyBucketsResult");
        if (request.HasQuery("prefix") || request.HasQuery("marker") || request.HasQuery("max-keys"))
        {
            xml.Element("Prefix", prefix).Element("Marker", marker).Element("MaxKeys", maxKeys).Element("IsTruncated", truncated)
                .Element("NextMarker", truncated ? page[^1].Name : string.Empty);
        }

        xml.Start("Owner").Element("ID", runtime.OwnerId).Element("DisplayName", runtime.OwnerId).End();
        xml.Start("Buckets");
        foreach (BucketState bucket in page)
        {
            xml.Start("Bucket")
                .Element("CreationDate", bucket.Document.Created)
                .Element("ExtranetEndpoint", EndpointHost(runtime, request))
                .Element("IntranetEndpoint", EndpointHost(runtime, request))
                .Element("Location", "oss-" + runtime.Region)
                .Element("Name", bucket.Name)
                .Element("Region", runtime.Region)
                .Element("StorageClass", bucket.Document.StorageClass)
                .End();
        }

        xml.End();
        return OssResult.Xml(xml.ToArray());
    }

    public static async Task<OssResult> PutBucketAsync(EmulatorRuntime runtime, OssRequest request)
    {
        string name = request.Bucket!;
        if (!RequestValidation.IsValidBucketName(name))
        {
            throw OssErrors.InvalidBucketName(name);
        }

        string acl = RequestValidation.ParseBucketAcl(request);
        string storageClass = "Standard";
        byte[] body = await RequestValidation.ReadSmallBodyAsync(request);
        if (body.Length > 0)
        {
            XElement root = RequestValidation.ParseXml(body, "CreateBucketConfiguration").Root!;
            if (root.Elements().FirstOrDefault(e => e.Name.LocalName == "StorageClass") is XElement sc)
            {
                storageClass = RequestValidation.NormalizeStorageClass(sc.Value, "StorageClass");
            }
        }

        // OSS: creating a bucket you already own succeeds (it may update metadata); only a
        // conflicting storage class is refused.
        runtime.Store.CreateBucket(name, storageClass, acl, runtime.Clock.UtcNow);
        return new OssResult().With("Location", "/" + name);
    }

    public static OssResult DeleteBucket(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        runtime.Store.DeleteBucket(bucket.Name);
        return new OssResult(204);
    }

    public static OssResult GetBucketInfo(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        using var xml = new XmlBuilder("BucketInfo");
        xml.Start("Bucket")
            .Element("AccessMonitor", "Disabled")
            .Element("CreationDate", bucket.Document.Created)
            .Element("CrossRegionReplication", "Disabled")
            .Element("DataRedundancyType", "LRS")
            .Element("ExtranetEndpoint", EndpointHost(runtime, request))
            .Element("IntranetEndpoint", EndpointHost(runtime, request))
            .Element("Location", "oss-" + runtime.Region)
            .Element("Name", bucket.Name)
            .Element("Region", runtime.Region)
            .Element("StorageClass", bucket.Document.StorageClass)
            .Element("TransferAcceleration", "Disabled")
            .Element("Versioning", string.Empty);
        xml.Start("Owner").Element("DisplayName", runtime.OwnerId).Element("ID", runtime.OwnerId).End();
        xml.Start("AccessControlList").Element("Grant", bucket.Document.Acl).End();
        xml.Start("ServerSideEncryptionRule").Element("SSEAlgorithm", "None").End();
        xml.Start("BucketPolicy").Element("LogBucket", string.Empty).Element("LogPrefix", string.Empty).End();
        xml.End();
        return OssResult.Xml(xml.ToArray());
    }

    public static OssResult GetBucketLocation(EmulatorRuntime runtime, OssRequest request)
    {
        RequestValidation.RequireBucket(runtime, request);
        using var xml = new XmlBuilder("LocationConstraint");
        return OssResult.Xml(xml.Text("oss-" + runtime.Region).ToArray());
    }

    /// <summary>The bucket's ACL in the AccessControlPolicy document OSS answers (the shape of GetObjectAcl).</summary>
    public static OssResult GetBucketAcl(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        return ObjectOperations.AccessControlPolicy(runtime, bucket.Document.Acl);
    }

    /// <summary>Sets the ACL from <c>x-oss-acl</c> (required: without it there is nothing to set).</summary>
    public static OssResult PutBucketAcl(EmulatorRuntime runtime, OssRequest request)
    {
        BucketState bucket = RequestValidation.RequireBucket(runtime, request);
        if (request.GetHeader("x-oss-acl") is null)
        {
            throw OssErrors.InvalidArgument("PutBucketAcl needs the x-oss-acl header (private, public-read or public-read-write).", "x-oss-acl", string.Empty);
        }

        runtime.Store.SetBucketAcl(bucket, RequestValidation.ParseBucketAcl(request));
        return new OssResult();
    }

    private static string EndpointHost(EmulatorRuntime runtime, OssRequest request)
    {
        string host = request.HostHeader;
        _ = runtime;
        return request.IsVirtualHosted && host.StartsWith(request.Bucket + ".", StringComparison.OrdinalIgnoreCase) ? host[(request.Bucket!.Length + 1)..] : host;
    }
}
