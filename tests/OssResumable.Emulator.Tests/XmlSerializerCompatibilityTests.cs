using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Serialization;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

/// <summary>
/// The .NET OSS SDK deserialises with XmlSerializer and [XmlRoot] models: a namespace on the root,
/// an empty numeric element or a non-ISO date would make it throw. These models mirror that shape.
/// </summary>
public class XmlSerializerCompatibilityTests : EmulatorTestBase
{
    private static T Deserialize<T>(OssResponse response)
    {
        var serializer = new XmlSerializer(typeof(T));
        using var stream = new MemoryStream(response.Body);
        return (T)serializer.Deserialize(stream)!;
    }

    [Fact]
    public async Task MultipartResponses_DeserializeWithXmlSerializer()
    {
        InitiateModel initiate = Deserialize<InitiateModel>(await Client.SendAsync("POST", Bucket, "x", new[] { Q("uploads") }));
        string eTag = await UploadPartAsync("x", initiate.UploadId, 1, Data(10));

        ListPartsModel parts = Deserialize<ListPartsModel>(await Client.SendAsync("GET", Bucket, "x", new[] { Q("uploadId", initiate.UploadId) }));
        ListUploadsModel uploads = Deserialize<ListUploadsModel>(await Client.SendAsync("GET", Bucket, null, new[] { Q("uploads") }));
        OssResponse completeResponse = await CompleteAsync("x", initiate.UploadId, new[] { (1, eTag) });
        CompleteModel complete = Deserialize<CompleteModel>(completeResponse);

        Assert.Equal(Bucket, initiate.Bucket);
        Assert.Equal(1000, parts.MaxParts);
        Assert.Equal(1, parts.NextPartNumberMarker);
        Assert.Equal(10, parts.Parts[0].Size);
        Assert.Equal(eTag, parts.Parts[0].ETag);
        Assert.True(parts.Parts[0].LastModified > DateTime.UtcNow.AddHours(-1));
        Assert.Equal(1000, uploads.MaxUploads);
        Assert.False(uploads.IsTruncated);
        Assert.Equal(initiate.UploadId, uploads.Uploads[0].UploadId);
        Assert.Equal(HttpStatusCode.OK, completeResponse.Status);
        Assert.EndsWith("-1\"", complete.ETag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorResponse_DeserializesWithXmlSerializer()
    {
        ErrorModel error = Deserialize<ErrorModel>(await Client.SendAsync("GET", Bucket, "missing"));

        Assert.Equal("NoSuchKey", error.Code);
        Assert.Matches("^[0-9A-F]{24}$", error.RequestId);
    }

    [Fact]
    public async Task BucketAcl_DeserializesWithXmlSerializer()
    {
        AclModel acl = Deserialize<AclModel>(await Client.SendAsync("GET", Bucket, null, new[] { Q("acl") }));

        Assert.Equal("private", acl.AccessControlList.Grant);
        Assert.False(string.IsNullOrEmpty(acl.Owner.Id));
    }

    [XmlRoot("AccessControlPolicy")]
    public class AclModel
    {
        public OwnerModel Owner { get; set; } = new();

        public GrantModel AccessControlList { get; set; } = new();
    }

    public class OwnerModel
    {
        [XmlElement("ID")]
        public string Id { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;
    }

    public class GrantModel
    {
        public string Grant { get; set; } = string.Empty;
    }

    [XmlRoot("InitiateMultipartUploadResult")]
    public class InitiateModel
    {
        public string Bucket { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string UploadId { get; set; } = string.Empty;
    }

    [XmlRoot("CompleteMultipartUploadResult")]
    public class CompleteModel
    {
        public string Location { get; set; } = string.Empty;

        public string Bucket { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string ETag { get; set; } = string.Empty;
    }

    [XmlRoot("ListPartsResult")]
    public class ListPartsModel
    {
        public string Bucket { get; set; } = string.Empty;

        public string Key { get; set; } = string.Empty;

        public string UploadId { get; set; } = string.Empty;

        public string StorageClass { get; set; } = string.Empty;

        public int PartNumberMarker { get; set; }

        public int NextPartNumberMarker { get; set; }

        public int MaxParts { get; set; }

        public bool IsTruncated { get; set; }

        [XmlElement("Part")]
        public List<PartModel> Parts { get; set; } = new();
    }

    public class PartModel
    {
        public int PartNumber { get; set; }

        public DateTime LastModified { get; set; }

        public string ETag { get; set; } = string.Empty;

        public ulong HashCrc64ecma { get; set; }

        public long Size { get; set; }
    }

    [XmlRoot("ListMultipartUploadsResult")]
    public class ListUploadsModel
    {
        public string Bucket { get; set; } = string.Empty;

        public string KeyMarker { get; set; } = string.Empty;

        public string UploadIdMarker { get; set; } = string.Empty;

        public string NextKeyMarker { get; set; } = string.Empty;

        public string NextUploadIdMarker { get; set; } = string.Empty;

        public int MaxUploads { get; set; }

        public bool IsTruncated { get; set; }

        [XmlElement("Upload")]
        public List<UploadModel> Uploads { get; set; } = new();
    }

    public class UploadModel
    {
        public string Key { get; set; } = string.Empty;

        public string UploadId { get; set; } = string.Empty;

        public string StorageClass { get; set; } = string.Empty;

        public DateTime Initiated { get; set; }
    }

    [XmlRoot("Error")]
    public class ErrorModel
    {
        public string Code { get; set; } = string.Empty;

        public string Message { get; set; } = string.Empty;

        public string RequestId { get; set; } = string.Empty;

        public string HostId { get; set; } = string.Empty;
    }
}
