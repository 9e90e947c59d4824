using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;

namespace OssResumable.ModuleLoadProbe;

/// <summary>
/// Usage: probe MODULE_DIR [--foreign-polly] [--upload FILE BUCKET KEY] [--list BUCKET]. Prints
/// <c>name=value</c> lines; exit code 0 when every step worked, 1 otherwise (with <c>error=</c>).
/// Connection and credentials come from OSS_* environment variables, as in a scheduled task.
/// </summary>
internal static class Program
{
    private static string? s_foreignFolder;

    private static int Main(string[] args)
    {
        try
        {
            Run(args).GetAwaiter().GetResult();
            return 0;
        }
#pragma warning disable CA1031 // The probe reports every failure to the test that runs it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.WriteLine("error=" + ex.ToString().Replace(Environment.NewLine, " | ", StringComparison.Ordinal));
            return 1;
        }
        finally
        {
            DeleteForeignFolder();
        }
    }

    private static void DeleteForeignFolder()
    {
        if (s_foreignFolder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(s_foreignFolder, recursive: true);
        }
        catch (IOException)
        {
            // Windows keeps a loaded assembly's file open; the temp folder is then left to the system.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task Run(string[] args)
    {
        string module = Path.GetFullPath(args[0]);
        var options = new Queue<string>(args.Skip(1));

        if (options.Count > 0 && options.Peek() == "--foreign-polly")
        {
            // Another module's Polly.Core (same assembly version 8.0.0.0, another file) in the default context.
            options.Dequeue();
            string foreign = Path.Combine(Path.GetTempPath(), "probe-foreign-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(foreign);
            s_foreignFolder = foreign;
            File.Copy(Path.Combine(module, "Dependencies", "Polly.Core.dll"), Path.Combine(foreign, "Polly.Core.dll"));
            AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(foreign, "Polly.Core.dll"));
        }

        // 1. Import-Module: PowerShell 7 loads the root module into the default context and enumerates its
        //    exported types (PSSnapInHelpers.GetAssemblyTypes) BEFORE it runs IModuleAssemblyInitializer.
        Assembly cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(module, "OssResumable.PowerShell.dll"));
        Type[] exported = cmdlets.ExportedTypes.Where(t => !t.IsAbstract && !t.IsInterface && !t.IsValueType).ToArray();
        Print("exported-types", exported.Length.ToString(CultureInfo.InvariantCulture));
        Print("engine-loaded-before-initializer", IsLoaded("OssResumable.Core").ToString());

        foreach (Type type in exported.Where(t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t)))
        {
            ((IModuleAssemblyInitializer)Activator.CreateInstance(type)!).OnImport();
        }

        // 2. First use of a cmdlet: PowerShell reads every parameter's type and attributes and creates the cmdlet.
        int parameters = 0;
        foreach (Type type in exported.Where(t => t.IsSubclassOf(typeof(Cmdlet)) && t.GetCustomAttribute<CmdletAttribute>() is not null))
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttributes(inherit: true).OfType<ParameterAttribute>().Any())
                {
                    _ = property.PropertyType.FullName;
                    parameters++;
                }
            }

            // The reference System.Management.Automation keeps no attribute values: read [OutputType(typeof(...))] from metadata.
            foreach (CustomAttributeData output in type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(OutputTypeAttribute)))
            {
                foreach (CustomAttributeTypedArgument argument in output.ConstructorArguments)
                {
                    IEnumerable<object?> values = argument.Value is IEnumerable<CustomAttributeTypedArgument> many ? many.Select(a => a.Value) : new[] { argument.Value };
                    foreach (Type outputType in values.OfType<Type>())
                    {
                        Print("output-type", type.Name + ";" + outputType.FullName);
                    }
                }
            }

            _ = Activator.CreateInstance(type);
        }

        Print("cmdlet-parameters", parameters.ToString(CultureInfo.InvariantCulture));

        // 3. Work through the cmdlet assembly's own classes (the code paths the cmdlets run).
        while (options.Count > 0)
        {
            string option = options.Dequeue();
            if (option == "--upload")
            {
                await Upload(cmdlets, options.Dequeue(), options.Dequeue(), options.Dequeue());
            }
            else if (option == "--list")
            {
                await List(cmdlets, options.Dequeue());
            }
            else
            {
                throw new ArgumentException("Unknown option " + option);
            }
        }

        foreach (string name in new[] { "OssResumable.Core", "Polly.Core", "Microsoft.Bcl.AsyncInterfaces" })
        {
            foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == name))
            {
                Print(
                    "assembly",
                    name + ";" + assembly.GetName().Version + ";" + (AssemblyLoadContext.GetLoadContext(assembly)?.Name ?? "?") + ";" + assembly.Location);
            }
        }

        Type? client = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "OssResumable.Core")?.GetType("OssResumable.Core.Protocol.IOssClient");
        if (client is not null)
        {
            Type listType = client.GetMethod("ListMultipartUploadsAsync")!.ReturnType.GetGenericTypeDefinition();
            Print("engine-iasyncenumerable", listType.Assembly.GetName().Name!);
        }
    }

    private static async Task Upload(Assembly cmdlets, string file, string bucket, string key)
    {
        object clients = NewClients(cmdlets);
        object options = New(cmdlets, "OssResumable.PowerShell.Uploads.UploadOptions");
        Set(options, "Threads", 2);
        Set(options, "PartSize", (long?)(100 * 1024));
        Set(options, "MultipartThreshold", 100L * 1024);
        Set(options, "CheckpointDirectory", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, "checkpoints"));
        object pump = New(cmdlets, "OssResumable.PowerShell.Pipeline.PipelineMessagePump");
        object resume = New(cmdlets, "OssResumable.PowerShell.Uploads.ResumeCommandText");
        object batch = New(cmdlets, "OssResumable.PowerShell.Uploads.UploadBatch", clients, options, pump, null, resume, CancellationToken.None);
        object prepared = Call(batch, "PrepareFile", NewRequest(cmdlets), Path.GetFullPath(file), bucket, key)!;
        Print("plan", (string)Get(prepared, "Description")!);

        // The engine call the batch makes for a prepared file upload.
        var run = (Task)Call(Get(prepared, "Uploader")!, "UploadFileAsync", Get(prepared, "File"), null, CancellationToken.None)!;
        await run.ConfigureAwait(false);
        object engineResult = Get(run, "Result")!;
        Type batchType = cmdlets.GetType("OssResumable.PowerShell.Uploads.UploadBatch", throwOnError: true)!;
        object output = batchType.GetMethod("ToOutput", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new[] { engineResult, null })!;
        Print("uploaded", Get(output, "Destination") + ";" + Get(output, "Size") + ";" + Get(output, "PartCount") + ";" + Get(output, "Crc64"));
    }

    private static async Task List(Assembly cmdlets, string bucket)
    {
        Type listingType = cmdlets.GetType("OssResumable.PowerShell.ExistingUploads.UploadListing", throwOnError: true)!;
        object listing = listingType.GetMethod("Prepare", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new[] { NewClients(cmdlets), NewRequest(cmdlets), bucket, null, null, null })!;
        Type uploadType = cmdlets.GetType("OssResumable.PowerShell.OssMultipartUpload", throwOnError: true)!;
        var found = new List<object>();
        Delegate emit = typeof(Program).GetMethod(nameof(Collector), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(uploadType).Invoke(null, new object[] { found }) as Delegate ?? throw new InvalidOperationException("No collector.");
        await ((Task)Call(listing, "RunAsync", DateTimeOffset.UtcNow, emit, CancellationToken.None)!).ConfigureAwait(false);
        foreach (object upload in found)
        {
            Print("listed", Get(upload, "Key") + ";" + Get(upload, "UploadId"));
        }
    }

    private static Action<T> Collector<T>(List<object> into) => item => into.Add(item!);

    private static object NewClients(Assembly cmdlets)
    {
        Type environmentType = cmdlets.GetType("OssResumable.PowerShell.Configuration.SystemConfigurationEnvironment", throwOnError: true)!;
        object environment = environmentType.GetField("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        object resolver = New(cmdlets, "OssResumable.PowerShell.Configuration.ConnectionResolver", environment);
        Action<string> verbose = message => Print("verbose", message);
        return New(cmdlets, "OssResumable.PowerShell.Configuration.ClientProvider", resolver, null, verbose, true);
    }

    private static object NewRequest(Assembly cmdlets) => New(cmdlets, "OssResumable.PowerShell.Configuration.ConnectionRequest");

    private static object New(Assembly assembly, string typeName, params object?[] arguments) =>
        Activator.CreateInstance(assembly.GetType(typeName, throwOnError: true)!, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, arguments, CultureInfo.InvariantCulture)!;

    private static object? Call(object target, string method, params object?[] arguments) =>
        target.GetType().GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(target, arguments);

    private static object? Get(object target, string property) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(target);

    private static void Set(object target, string property, object? value) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(target, value);

    private static bool IsLoaded(string name) => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == name);

    private static void Print(string name, string value) => Console.WriteLine(name + "=" + value);
}
