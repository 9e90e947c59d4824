namespace OssResumable.Emulator.Faults;

/// <summary>What a fault rule is matched against: the request's operation and addressing.</summary>
internal readonly record struct FaultTarget(EmulatorOperation Operation, string? Bucket, string? Key, int? PartNumber, string? UploadId);
