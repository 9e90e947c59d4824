using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using OssResumable.Emulator.Tests.TestSupport;

namespace OssResumable.Emulator.Tests;

public class ListingTests : EmulatorTestBase
{
    private static IEnumerable<XElement> Elements(OssResponse response, string name) =>
        response.Xml.Root!.Elements().Where(e => e.Name.LocalName == name);

    private static string Child(XElement element, string name) => element.Elements().Single(e => e.Name.LocalName == name).Value;

    private Task<OssResponse> ListUploadsAsync(params KeyValuePair<string, string>[] query) =>
        Client.SendAsync("GET", Bucket, null, query.Prepend(Q("uploads")));

    [Fact]
    public async Task ListMultipartUploads_ResponseShape_AllElementsPresentNoNamespace()
    {
        string id = await InitiateAsync("only");

        OssResponse response = await ListUploadsAsync();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        XElement root = response.Xml.Root!;
        Assert.Equal("ListMultipartUploadsResult", root.Name.ToString());
        foreach (string name in new[] { "Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Delimiter", "Prefix", "MaxUploads", "IsTruncated" })
        {
            Assert.Single(Elements(response, name));
        }

        Assert.Equal("1000", response.XmlValue("MaxUploads"));
        Assert.Equal("false", response.XmlValue("IsTruncated"));
        Assert.Equal(string.Empty, response.XmlValue("NextKeyMarker"));
        XElement upload = Assert.Single(Elements(response, "Upload"));
        Assert.Equal("only", Child(upload, "Key"));
        Assert.Equal(id, Child(upload, "UploadId"));
        Assert.Equal("Standard", Child(upload, "StorageClass"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$", Child(upload, "Initiated"));
    }

    [Fact]
    public async Task ListMultipartUploads_Pages_OrderedByKeyThenUploadIdAcrossPages()
    {
        var expected = new List<(string Key, string Id)>();
        foreach (string key in new[] { "b", "a", "c", "a", "b", "a" })
        {
            expected.Add((key, await InitiateAsync(key)));
        }

        expected = expected.OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var seen = new List<(string, string)>();
        string keyMarker = string.Empty;
        string idMarker = string.Empty;
        int pages = 0;
        while (true)
        {
            OssResponse page = await ListUploadsAsync(Q("max-uploads", "2"), Q("key-marker", keyMarker), Q("upload-id-marker", idMarker));
            pages++;
            Assert.Equal("2", page.XmlValue("MaxUploads"));
            seen.AddRange(Elements(page, "Upload").Select(u => (Child(u, "Key"), Child(u, "UploadId"))));
            if (page.XmlValue("IsTruncated") != "true")
            {
                Assert.Equal(string.Empty, page.XmlValue("NextKeyMarker"));
                Assert.Equal(string.Empty, page.XmlValue("NextUploadIdMarker"));
                break;
            }

            keyMarker = page.XmlValue("NextKeyMarker")!;
            idMarker = page.XmlValue("NextUploadIdMarker")!;
            Assert.Equal(seen[^1], (keyMarker, idMarker));
        }

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListMultipartUploads_KeyMarkerWithoutUploadIdMarker_SkipsThatKeyEntirely()
    {
        await InitiateAsync("a");
        await InitiateAsync("b");
        await InitiateAsync("b");
        await InitiateAsync("c");

        OssResponse response = await ListUploadsAsync(Q("key-marker", "b"));

        Assert.Equal(new[] { "c" }, Elements(response, "Upload").Select(u => Child(u, "Key")));
    }

    [Fact]
    public async Task ListMultipartUploads_UploadIdMarkerWithoutKeyMarker_IsIgnored()
    {
        await InitiateAsync("a");
        await InitiateAsync("b");

        OssResponse response = await ListUploadsAsync(Q("upload-id-marker", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"));

        Assert.Equal(2, Elements(response, "Upload").Count());
    }

    [Fact]
    public async Task ListMultipartUploads_PrefixAndDelimiter_RollUpCommonPrefixesAcrossPages()
    {
        foreach (string key in new[] { "photos/2023/a.jpg", "photos/2024/b.jpg", "photos/2024/c.jpg", "photos/top.jpg", "videos/x.mp4", "photos/2025/d.jpg" })
        {
            await InitiateAsync(key);
        }

        OssResponse all = await ListUploadsAsync(Q("prefix", "photos/"), Q("delimiter", "/"));
        Assert.Equal(new[] { "photos/2023/", "photos/2024/", "photos/2025/" }, Elements(all, "CommonPrefixes").Select(c => Child(c, "Prefix")));
        Assert.Equal(new[] { "photos/top.jpg" }, Elements(all, "Upload").Select(u => Child(u, "Key")));
        Assert.Equal("photos/", all.XmlValue("Prefix"));
        Assert.Equal("/", all.XmlValue("Delimiter"));

        // Page size 1: every common prefix is one entry, and none repeats on the next page.
        var entries = new List<string>();
        string keyMarker = string.Empty;
        string idMarker = string.Empty;
        for (int i = 0; i < 10; i++)
        {
            OssResponse page = await ListUploadsAsync(Q("prefix", "photos/"), Q("delimiter", "/"), Q("max-uploads", "1"), Q("key-marker", keyMarker), Q("upload-id-marker", idMarker));
            entries.AddRange(Elements(page, "CommonPrefixes").Select(c => Child(c, "Prefix")));
            entries.AddRange(Elements(page, "Upload").Select(u => Child(u, "Key")));
            if (page.XmlValue("IsTruncated") != "true")
            {
                break;
            }

            keyMarker = page.XmlValue("NextKeyMarker")!;
            idMarker = page.XmlValue("NextUploadIdMarker")!;
        }

        Assert.Equal(new[] { "photos/2023/", "photos/2024/", "photos/2025/", "photos/top.jpg" }, entries);
    }

    [Fact]
    public async Task ListMultipartUploads_EncodingTypeUrl_EncodesKeysPrefixesAndMarkers()
    {
        OssResponse initiate = await Client.SendAsync("POST", Bucket, "demo/gp-\f\n\v", new[] { Q("uploads"), Q("encoding-type", "url") });
        Assert.Equal(HttpStatusCode.OK, initiate.Status);
        await InitiateAsync("demo/sub dir/x");

        OssResponse response = await ListUploadsAsync(Q("encoding-type", "url"), Q("prefix", "demo/"), Q("delimiter", "/"), Q("key-marker", "demo/a b"));

        Assert.Equal("url", response.XmlValue("EncodingType"));
        Assert.Equal("demo%2F", response.XmlValue("Prefix"));
        Assert.Equal("%2F", response.XmlValue("Delimiter"));
        Assert.Equal("demo%2Fa%20b", response.XmlValue("KeyMarker"));
        Assert.Equal(new[] { "demo%2Fgp-%0C%0A%0B" }, Elements(response, "Upload").Select(u => Child(u, "Key")));
        Assert.Equal(new[] { "demo%2Fsub%20dir%2F" }, Elements(response, "CommonPrefixes").Select(c => Child(c, "Prefix")));
    }

    [Fact]
    public async Task ListMultipartUploads_ControlCharacterKeyWithoutEncoding_InvalidArgument()
    {
        await Client.SendAsync("POST", Bucket, "ctl\u0002", new[] { Q("uploads"), Q("encoding-type", "url") });

        AssertError(await ListUploadsAsync(), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListMultipartUploads_KeysOrderedByUtf8Bytes()
    {
        // U+E000 (EE 80 80) sorts before U+1F600 (F0 9F 98 80) in UTF-8 but after it in UTF-16.
        await InitiateAsync("\U0001F600");
        await InitiateAsync("\uE000");
        await InitiateAsync("z");

        OssResponse response = await ListUploadsAsync();

        Assert.Equal(new[] { "z", "\uE000", "\U0001F600" }, Elements(response, "Upload").Select(u => Child(u, "Key")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("x")]
    public async Task ListMultipartUploads_BadMaxUploads_InvalidArgument(string value)
    {
        AssertError(await ListUploadsAsync(Q("max-uploads", value)), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListParts_PagesWithMarkers_ReportSizesCrcsAndEtags()
    {
        string id = await InitiateAsync("k");
        var uploaded = new Dictionary<int, byte[]>();
        foreach (int n in new[] { 5, 1, 3, 2, 4 })
        {
            uploaded[n] = Data(100 + n, seed: n);
            await UploadPartAsync("k", id, n, uploaded[n]);
        }

        var seen = new List<int>();
        int marker = 0;
        while (true)
        {
            OssResponse page = await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", id), Q("max-parts", "2"), Q("part-number-marker", marker.ToString(CultureInfo.InvariantCulture)) });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal("ListPartsResult", page.Xml.Root!.Name.ToString());
            Assert.Equal(marker.ToString(CultureInfo.InvariantCulture), page.XmlValue("PartNumberMarker"));
            Assert.Equal("2", page.XmlValue("MaxParts"));
            Assert.Equal(id, page.XmlValue("UploadId"));
            Assert.Equal("Standard", page.XmlValue("StorageClass"));
            foreach (XElement part in Elements(page, "Part"))
            {
                int n = int.Parse(Child(part, "PartNumber"), CultureInfo.InvariantCulture);
                seen.Add(n);
                Assert.Equal((100 + n).ToString(CultureInfo.InvariantCulture), Child(part, "Size"));
                Assert.Equal("\"" + OssTestClient.Md5Hex(uploaded[n]) + "\"", Child(part, "ETag"));
                Assert.Equal(Core.Hashing.Crc64.Compute(uploaded[n]).ToString(CultureInfo.InvariantCulture), Child(part, "HashCrc64ecma"));
                Assert.Matches(@"\.000Z$", Child(part, "LastModified"));
            }

            string next = page.XmlValue("NextPartNumberMarker")!;
            if (page.XmlValue("IsTruncated") != "true")
            {
                break;
            }

            Assert.Equal(seen[^1].ToString(CultureInfo.InvariantCulture), next);
            marker = int.Parse(next, CultureInfo.InvariantCulture);
        }

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, seen);
    }

    [Fact]
    public async Task ListParts_NoParts_NumericElementsNotEmpty()
    {
        string id = await InitiateAsync("k");

        OssResponse response = await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", id) });

        Assert.Equal("0", response.XmlValue("PartNumberMarker"));
        Assert.Equal("0", response.XmlValue("NextPartNumberMarker"));
        Assert.Equal("1000", response.XmlValue("MaxParts"));
        Assert.Equal("false", response.XmlValue("IsTruncated"));
        Assert.Empty(Elements(response, "Part"));
    }

    [Fact]
    public async Task ListParts_EncodingTypeUrl_EncodesKey()
    {
        string id = await InitiateAsync("x y/z");

        OssResponse response = await Client.SendAsync("GET", Bucket, "x y/z", new[] { Q("uploadId", id), Q("encoding-type", "url") });

        Assert.Equal("url", response.XmlValue("EncodingType"));
        Assert.Equal("x%20y%2Fz", response.XmlValue("Key"));
    }

    [Theory]
    [InlineData("max-parts", "0")]
    [InlineData("max-parts", "1001")]
    [InlineData("part-number-marker", "abc")]
    public async Task ListParts_BadArguments_InvalidArgument(string name, string value)
    {
        string id = await InitiateAsync("k");

        AssertError(await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", id), Q(name, value) }), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListParts_UnknownUpload_NoSuchUpload()
    {
        AssertError(await Client.SendAsync("GET", Bucket, "k", new[] { Q("uploadId", "ABCDEF0123456789ABCDEF0123456789"), Q("max-parts", "1") }), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task ListObjects_PagesWithMarkerAndDelimiter()
    {
        foreach (string key in new[] { "a/1", "a/2", "b", "c/1", "d" })
        {
            await PutObjectAsync(key, Data(3));
        }

        var entries = new List<string>();
        string marker = string.Empty;
        for (int i = 0; i < 10; i++)
        {
            OssResponse page = await Client.SendAsync("GET", Bucket, null, new[] { Q("delimiter", "/"), Q("max-keys", "2"), Q("marker", marker) });
            Assert.Equal("ListBucketResult", page.Xml.Root!.Name.ToString());
            entries.AddRange(page.Xml.Root.Elements().Where(e => e.Name.LocalName is "Contents" or "CommonPrefixes")
                .Select(e => e.Elements().First(c => c.Name.LocalName is "Key" or "Prefix").Value));
            if (page.XmlValue("IsTruncated") != "true")
            {
                break;
            }

            marker = page.XmlValue("NextMarker")!;
        }

        // Within a page OSS lists Contents before CommonPrefixes; across pages nothing repeats or goes missing.
        Assert.Equal(new[] { "a/", "b", "c/", "d" }, entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListObjectsV2_ContinuationTokens_CoverAllKeys()
    {
        foreach (string key in new[] { "k1", "k2", "k3", "k4", "k5" })
        {
            await PutObjectAsync(key, Data(3));
        }

        var keys = new List<string>();
        string? token = null;
        for (int i = 0; i < 10; i++)
        {
            var query = new List<KeyValuePair<string, string>> { Q("list-type", "2"), Q("max-keys", "2") };
            if (token is not null)
            {
                query.Add(Q("continuation-token", token));
            }

            OssResponse page = await Client.SendAsync("GET", Bucket, null, query);
            keys.AddRange(Elements(page, "Contents").Select(c => Child(c, "Key")));
            Assert.Equal(Elements(page, "Contents").Count().ToString(CultureInfo.InvariantCulture), page.XmlValue("KeyCount"));
            if (page.XmlValue("IsTruncated") != "true")
            {
                break;
            }

            token = page.XmlValue("NextContinuationToken");
        }

        Assert.Equal(new[] { "k1", "k2", "k3", "k4", "k5" }, keys);
    }

    [Fact]
    public async Task ListObjects_Contents_HaveEtagSizeTypeAndIsoTime()
    {
        await PutObjectAsync("one", Data(42));

        OssResponse response = await Client.SendAsync("GET", Bucket, null, new[] { Q("prefix", "o") });

        XElement contents = Assert.Single(Elements(response, "Contents"));
        Assert.Equal("42", Child(contents, "Size"));
        Assert.Equal("Normal", Child(contents, "Type"));
        Assert.Equal("\"" + OssTestClient.Md5Hex(Data(42)) + "\"", Child(contents, "ETag"));
        Assert.Matches(@"\.000Z$", Child(contents, "LastModified"));
    }
}
