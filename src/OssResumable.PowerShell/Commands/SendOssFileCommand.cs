using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OssResumable.Core.Planning;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Parameters;
using OssResumable.PowerShell.Uploads;

namespace OssResumable.PowerShell.Commands;

/// <summary>Uploads files to OSS: resumable, parallel, verified by CRC-64.</summary>
[Cmdlet(VerbsCommunications.Send, "OssFile", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OssUploadResult))]
public sealed class SendOssFileCommand : UploadCmdlet
{
    private const string PathSet = "Path";
    private const string LiteralPathSet = "LiteralPath";

    private readonly List<string> _keyedFiles = new();

    // Every key this command has given a file, with that file: a second file with the same key (the same name
    // in two folders of a recursive listing) would silently replace the first object, so it is refused.
    private readonly Dictionary<string, string> _fileByKey = new(StringComparer.Ordinal);

    // -RelativeTo as typed and as resolved, kept because it is usually the same for every piped file.
    private (string Typed, string Resolved)? _relativeTo;

    // Built once: every file of the command has the same connection parameters (ClientProvider resolves it once).
    private Configuration.ConnectionRequest? _connectionRequest;

    /// <summary>Files to upload; wildcards are expanded.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Files to upload, used exactly as written (no wildcards). Bound from the pipeline by the PSPath/FullName of Get-ChildItem output.</summary>
    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "FullName", "LP")]
    [ValidateNotNullOrEmpty]
    public string[] LiteralPath { get; set; } = Array.Empty<string>();

    /// <summary>The destination bucket.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Bucket { get; set; } = string.Empty;

    /// <summary>The object key, for exactly one file. The default key is the file name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Key { get; set; }

    /// <summary>Prepended to each file name to make its key, as written (end it with '/' for a folder).</summary>
    [Parameter]
    public string? KeyPrefix { get; set; }

    /// <summary>
    /// A folder the files are in (at any depth): each key is -KeyPrefix plus the file's path below this folder,
    /// with '/' between folders, so a recursive listing keeps its tree. Also bound from a piped object's
    /// RelativeTo property. By default the key is -KeyPrefix plus the file name alone.
    /// </summary>
    // Bound by property name only together with -LiteralPath: were it a pipeline parameter of the default (-Path)
    // set too, an object with LiteralPath and RelativeTo properties would bind RelativeTo there and itself,
    // as text, to -Path.
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? RelativeTo { get; set; }

    /// <summary>Bytes per part (100 KB to 5 GB, e.g. 64MB); by default 8 MiB, grown for very large files.</summary>
    [Parameter]
    [ValidateRange(UploadLimits.MinPartSize, UploadLimits.MaxPartSize)]
    public long PartSize { get; set; }

    /// <summary>Files of at least this size go as multipart uploads (default 16 MiB); smaller ones in one request.</summary>
    [Parameter]
    [ValidateRange(0L, UploadLimits.MaxPutObjectSize)]
    public long MultipartThreshold { get; set; } = UploadLimits.DefaultMultipartThreshold;

    /// <summary>Where checkpoints are kept (default: a per-user state directory, never the working directory).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CheckpointDirectory { get; set; }

    /// <summary>Keep no checkpoint: a failed or interrupted multipart upload is aborted and starts over next time.</summary>
    [Parameter]
    public SwitchParameter NoCheckpoint { get; set; }

    /// <summary>The Content-Type; guessed from the file extension when absent.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContentType { get; set; }

    /// <summary>User metadata stored with the object (x-oss-meta-NAME); names of letters, digits and '-', ASCII values.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Metadata { get; set; }

    /// <summary>Storage class of the object.</summary>
    [Parameter]
    [ValidateSet("Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive")]
    public string? StorageClass { get; set; }

    /// <summary>Object ACL.</summary>
    [Parameter]
    [ValidateSet("private", "public-read", "public-read-write", "default")]
    public string? Acl { get; set; }

    /// <summary>Server-side encryption.</summary>
    [Parameter]
    [ValidateSet("AES256", "KMS", "SM4")]
    public string? ServerSideEncryption { get; set; }

    /// <summary>Fail instead of replacing an existing object (an identical one is skipped instead with -SkipUnchanged).</summary>
    [Parameter]
    public SwitchParameter NoOverwrite { get; set; }

    /// <summary>
    /// Do not upload a file whose object already holds the same bytes (same length and CRC-64, read with one
    /// HEAD request; the local file is hashed). Skipped files are output with Status Skipped, not as errors.
    /// </summary>
    [Parameter]
    public SwitchParameter SkipUnchanged { get; set; }

    internal override string ProgressActivity => "Uploading to OSS";

    // Checking that an object is unchanged is one HEAD round trip (and a local hash), not a transfer: with
    // -SkipUnchanged more files are checked at once than -Threads, while their uploads still share the
    // -Threads budget of data requests. Measured in docs/performance.md ("Re-running unchanged files").
    internal override int FilesInFlight => SkipUnchanged ? Batch.FilesInFlightLimit * SkipCheckFanOut : Batch.FilesInFlightLimit;

    private const int SkipCheckFanOut = 4;

    internal override UploadOptions BuildOptions()
    {
        ObjectKeys.ValidateParameters(Key, KeyPrefix, RelativeTo);
        var options = new UploadOptions
        {
            PartSize = MyInvocation.BoundParameters.ContainsKey(nameof(PartSize)) ? PartSize : null,
            MultipartThreshold = MultipartThreshold,
            CheckpointDirectory = CheckpointDirectory is null ? null : ResolveLiteralFileSystemPath(CheckpointDirectory, nameof(CheckpointDirectory)),
            NoCheckpoint = NoCheckpoint.IsPresent,
            ContentType = ContentType,
            StorageClass = StorageClass,
            Acl = Acl,
            ServerSideEncryption = ServerSideEncryption,
            NoOverwrite = NoOverwrite.IsPresent,
            SkipUnchanged = SkipUnchanged.IsPresent,
        };
        if (Metadata is not null)
        {
            foreach (DictionaryEntry entry in Metadata)
            {
                options.Metadata[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty] =
                    Convert.ToString(entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }

        return options;
    }

    /// <summary>Resolves this record's paths and starts their uploads (waiting for a free slot as needed).</summary>
    protected override void ProcessRecord()
    {
        List<string> files = ResolveFiles();
        if (Key is not null)
        {
            // -Key names one object: collect, and refuse several files before anything is sent.
            _keyedFiles.AddRange(files);
            return;
        }

        if (files.Count > 1)
        {
            Progress?.Tracker.Announce(files.Count, files.Sum(LengthOrZero));
        }

        foreach (string file in files)
        {
            if (FinishedAfterCancellation())
            {
                return;
            }

            StartOne(file, files.Count > 1);
        }
    }

    /// <summary>Uploads a -Key file, then waits for everything still running.</summary>
    protected override void EndProcessing()
    {
        if (Key is not null)
        {
            if (_keyedFiles.Count > 1)
            {
                ThrowMapped(
                    new ArgumentException("-Key names one object, but " + _keyedFiles.Count + " files were given. Use -KeyPrefix to upload several files."),
                    new ErrorContext { Bucket = Bucket, Key = Key });
                return;
            }

            if (_keyedFiles.Count == 1)
            {
                StartOne(_keyedFiles[0], announced: false);
            }
        }

        base.EndProcessing();
    }

    private static long LengthOrZero(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private void StartOne(string file, bool announced)
    {
        var context = new ErrorContext { LocalPath = file, Bucket = Bucket };
        PreparedUpload upload;
        try
        {
            context.Key = ObjectKeys.For(file, Key, KeyPrefix, Key is null ? ResolveRelativeTo() : null);
            if (_fileByKey.TryGetValue(context.Key, out string? first))
            {
                throw new DuplicateObjectKeyException(context.Key, file, first);
            }

            _fileByKey.Add(context.Key, file);
            upload = Batch.PrepareFile(_connectionRequest ??= BuildConnectionRequest(null), file, Bucket, context.Key);
        }
        catch (Exception ex) when (ErrorMapper.IsItemFailure(ex))
        {
            ReportItemFailure(ex, context);
            return;
        }

        StartUpload(upload, announced);
    }

    private string? ResolveRelativeTo()
    {
        if (RelativeTo is null)
        {
            return null;
        }

        if (_relativeTo is not { } known || known.Typed != RelativeTo)
        {
            known = (RelativeTo, ResolveLiteralFileSystemPath(RelativeTo, nameof(RelativeTo)));
            _relativeTo = known;
        }

        return known.Resolved;
    }

    private List<string> ResolveFiles()
    {
        var files = new List<string>();
        if (ParameterSetName == LiteralPathSet)
        {
            foreach (string path in LiteralPath)
            {
                AddFileSystemPath(files, path, literal: true);
            }
        }
        else
        {
            foreach (string path in Path)
            {
                AddFileSystemPath(files, path, literal: false);
            }
        }

        return files;
    }

    private void AddFileSystemPath(List<string> files, string path, bool literal)
    {
        try
        {
            if (literal)
            {
                string resolved = ResolveLiteralFileSystemPath(path, nameof(LiteralPath));
                if (Directory.Exists(resolved))
                {
                    // Get-ChildItem -Recurse emits folders among the files: skipping them (as rclone and AzCopy
                    // walk past folders) keeps such a pipeline working; the warning says how to avoid it.
                    WriteWarning("'" + resolved + "' is a directory: skipped. Send-OssFile uploads files; pass Get-ChildItem -File to leave directories out.");
                    return;
                }

                files.Add(resolved);
                return;
            }

            // A path that exists as written is that file, even when it contains wildcard characters
            // ('/data/big [x].bin'), as Get-Item would find it; only otherwise is it a pattern.
            string asWritten = ResolveLiteralFileSystemPath(path, nameof(Path));
            if (File.Exists(asWritten) && WildcardPattern.ContainsWildcardCharacters(path))
            {
                files.Add(asWritten);
                return;
            }

            Collection<string> matches = GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
            if (matches.Count == 0)
            {
                // A pattern that matches nothing is an error, as Get-Item makes it: a nightly job must not
                // succeed quietly having uploaded nothing.
                WriteMapped(
                    new FileNotFoundException("No file matches '" + path + "'. Check the path, or use -LiteralPath for a name with [ ] * ? characters.", path),
                    new ErrorContext { LocalPath = path });
                return;
            }

            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            {
                WriteMapped(new ArgumentException("'" + path + "' is not a file-system path."), new ErrorContext { LocalPath = path });
                return;
            }

            foreach (string match in matches)
            {
                if (Directory.Exists(match))
                {
                    WriteMapped(
                        new ArgumentException("'" + match + "' is a directory. To upload its files with their folders in the keys, use Get-ChildItem -File -Recurse '" + match + "' | Send-OssFile -RelativeTo '" + match + "' ..."),
                        new ErrorContext { LocalPath = match });
                    continue;
                }

                files.Add(match);
            }
        }
        catch (ItemNotFoundException ex)
        {
            WriteMapped(new FileNotFoundException(ex.Message, path, ex), new ErrorContext { LocalPath = path });
        }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException)
        {
            WriteMapped(new ArgumentException(ExceptionText.ForUser(ex), ex), new ErrorContext { LocalPath = path });
        }
    }
}
