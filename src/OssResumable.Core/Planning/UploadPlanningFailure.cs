
namespace OssResumable.Core.Planning;

/// <summary>Why an upload could not be planned.</summary>
public enum UploadPlanningFailure
{
    /// <summary>The requested part size is outside OSS's 100 KB–5 GiB range.</summary>
    PartSizeOutOfRange,

    /// <summary>The requested part size would need more than 10,000 parts for this file.</summary>
    TooManyParts,

    /// <summary>The file is larger than the largest object OSS can store (10,000 × 5 GiB).</summary>
    FileTooLarge,
}
