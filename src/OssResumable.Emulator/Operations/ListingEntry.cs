namespace OssResumable.Emulator.Operations;

/// <summary>One entry of a listing page: an item, or a common prefix rolled up by the delimiter.</summary>
internal readonly record struct ListingEntry<T>(T? Item, string? CommonPrefix)
    where T : class;
