using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace OssResumable.NetFxProxy;

/// <summary>
/// Runs named checks and prints them as TAP 13 (one "ok"/"not ok" line each, the failure indented
/// under it), then the closing line "N passed, N failed" that CI reads.
/// </summary>
internal sealed class TapReport
{
    private int _number;

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Start(int planned)
    {
        Console.WriteLine("TAP version 13");
        Console.WriteLine("1.." + planned);
    }

    public static void Comment(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            Console.WriteLine("# " + line.TrimEnd('\r'));
        }
    }

    public async Task RunAsync(string name, Func<Task> check)
    {
        _number++;
        var clock = Stopwatch.StartNew();
        try
        {
            await check().ConfigureAwait(false);
            Passed++;
            Console.WriteLine("ok " + _number + " - " + name + " # " + clock.ElapsedMilliseconds + " ms");
        }
#pragma warning disable CA1031 // Every failure of a check is reported, whatever its type, and the run goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed++;
            Console.WriteLine("not ok " + _number + " - " + name);
            Console.WriteLine("  ---");
            foreach (string line in ex.ToString().Split('\n'))
            {
                Console.WriteLine("  " + line.TrimEnd('\r'));
            }

            Console.WriteLine("  ...");
        }
    }

    public void Finish()
    {
        Console.WriteLine(Passed + " passed, " + Failed + " failed");
    }
}
