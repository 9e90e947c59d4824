namespace OssResumable.NetFxProxy;

/// <summary>Assertions for the checks (no test framework runs under Mono here).</summary>
internal static class Check
{
    public static void That(bool condition, string failure)
    {
        if (!condition)
        {
            throw new CheckFailedException(failure);
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual))
        {
            throw new CheckFailedException(what + ": expected " + expected + ", got " + actual + ".");
        }
    }
}
