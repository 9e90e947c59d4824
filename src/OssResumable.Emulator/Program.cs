namespace OssResumable.Emulator;

internal static class Program
{
    private static int Main()
    {
        System.Console.Error.WriteLine("The emulator is being built (issue 2).");
        return 2;
    }
}
