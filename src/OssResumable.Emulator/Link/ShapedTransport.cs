using System.IO.Pipelines;

namespace OssResumable.Emulator.Link;

/// <summary>A connection's transport as the link delivers it.</summary>
internal sealed class ShapedTransport : IDuplexPipe
{
    public ShapedTransport(PipeReader input, PipeWriter output)
    {
        Input = input;
        Output = output;
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }
}
