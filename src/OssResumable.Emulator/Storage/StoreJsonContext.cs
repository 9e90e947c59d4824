using System.Text.Json.Serialization;

namespace OssResumable.Emulator.Storage;

/// <summary>Source-generated JSON for the metadata files under the data directory.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BucketDocument))]
[JsonSerializable(typeof(ObjectDocument))]
[JsonSerializable(typeof(UploadDocument))]
[JsonSerializable(typeof(PartDocument))]
internal sealed partial class StoreJsonContext : JsonSerializerContext
{
}
