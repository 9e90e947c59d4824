using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using OssResumable.HelpGen.Metadata;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Module;

/// <summary>Reads the built cmdlet assembly's metadata (no PowerShell runtime) and checks the module's contract.</summary>
public class CmdletMetadataTests
{
    // Approved verbs (Get-Verb) for the verbs used here and a few neighbours, with their groups.
    private static readonly Dictionary<string, string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        ["Get"] = "VerbsCommon",
        ["Set"] = "VerbsCommon",
        ["Remove"] = "VerbsCommon",
        ["Copy"] = "VerbsCommon",
        ["Send"] = "VerbsCommunications",
        ["Receive"] = "VerbsCommunications",
        ["Resume"] = "VerbsLifecycle",
        ["Stop"] = "VerbsLifecycle",
        ["Start"] = "VerbsLifecycle",
        ["Suspend"] = "VerbsLifecycle",
    };

    private static readonly IReadOnlyList<CmdletMetadata> Cmdlets = CmdletAssemblyReader.Read(TestPaths.CmdletAssembly);

    private static CmdletMetadata Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    private static ParameterMetadata Parameter(string cmdlet, string name) => Cmdlet(cmdlet).Parameters.Single(p => p.Name == name);

    [Fact]
    public void Assembly_HasTheSixCmdlets()
    {
        Assert.Equal(
            new[] { "Get-OssMultipartUpload", "Get-OssUploadCheckpoint", "Get-OssUploadPart", "Resume-OssUpload", "Send-OssFile", "Stop-OssUpload" },
            Cmdlets.Select(c => c.Name));
    }

    [Fact]
    public void ApprovedVerbTable_AgreesWithPowerShellsVerbClasses()
    {
        foreach (KeyValuePair<string, string> verb in ApprovedVerbs)
        {
            Dictionary<string, string> constants = ReadStringConstants(TestPaths.SmaReference, "System.Management.Automation", verb.Value);
            Assert.True(constants.ContainsValue(verb.Key), verb.Key + " is not a constant of " + verb.Value);
        }
    }

    [Fact]
    public void EveryCmdlet_UsesAnApprovedVerb()
    {
        Assert.All(Cmdlets, c => Assert.True(ApprovedVerbs.ContainsKey(c.Verb), c.Name + " uses the unapproved verb " + c.Verb));
        Assert.Equal("VerbsCommunications", ApprovedVerbs[Cmdlet("Send-OssFile").Verb]);
        Assert.Equal("VerbsLifecycle", ApprovedVerbs[Cmdlet("Resume-OssUpload").Verb]);
        Assert.Equal("VerbsLifecycle", ApprovedVerbs[Cmdlet("Stop-OssUpload").Verb]);
    }

    [Fact]
    public void Manifest_ExportsExactlyTheCmdletsThatExist_AndNothingElse()
    {
        string manifest = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "OssResumable.psd1"));

        Assert.Equal(Cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), ListValue(manifest, "CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal));
        Assert.Empty(ListValue(manifest, "FunctionsToExport"));
        Assert.Empty(ListValue(manifest, "AliasesToExport"));
        Assert.Empty(ListValue(manifest, "VariablesToExport"));
        Assert.DoesNotMatch(@"ToExport\s*=[^\n]*\*", manifest);
        Assert.Equal(new[] { "Desktop", "Core" }, ListValue(manifest, "CompatiblePSEditions"));
        Assert.Equal("5.1", ScalarValue(manifest, "PowerShellVersion"));
        Assert.Equal("OssResumable.PowerShell.dll", ScalarValue(manifest, "RootModule"));
        Assert.Equal("{{ModuleVersion}}", ScalarValue(manifest, "ModuleVersion"));
        string format = Assert.Single(ListValue(manifest, "FormatsToProcess"));
        Assert.True(File.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", "OssResumable.PowerShell", format)), format + " does not exist");
    }

    [Fact]
    public void SendOssFile_LiteralPathBindsFromGetChildItemByPropertyName()
    {
        ParameterMetadata literal = Parameter("Send-OssFile", "LiteralPath");
        Assert.Equal(new[] { "PSPath", "FullName", "LP" }, literal.Aliases);
        Assert.True(literal.Sets.Single().ValueFromPipelineByPropertyName);
        Assert.True(literal.Sets.Single().Mandatory);
        Assert.Equal("System.String[]", literal.TypeName);

        ParameterMetadata path = Parameter("Send-OssFile", "Path");
        Assert.True(path.SupportsWildcards);
        Assert.True(path.Sets.Single().ValueFromPipeline);
        Assert.Equal(0, path.Sets.Single().Position);
        Assert.NotEqual(path.Sets.Single().SetName, literal.Sets.Single().SetName);
    }

    [Theory]
    [InlineData("Get-OssUploadPart")]
    [InlineData("Stop-OssUpload")]
    [InlineData("Resume-OssUpload")]
    public void UploadCmdlets_TakeGetOssMultipartUploadOutputFromThePipeline(string name)
    {
        ParameterMetadata input = Parameter(name, "InputObject");
        Assert.Equal("OssResumable.PowerShell.OssMultipartUpload", input.TypeName);
        Assert.True(input.Sets.Single().ValueFromPipeline);

        foreach (string property in new[] { "Bucket", "Key", "UploadId" })
        {
            ParameterSetBinding binding = Parameter(name, property).Sets.Single();
            Assert.True(binding.ValueFromPipelineByPropertyName, name + " -" + property);
            Assert.NotEqual(input.Sets.Single().SetName, binding.SetName);
        }
    }

    [Fact]
    public void ResumeOssUpload_LiteralPathBindsFromTheErrorTargetAndGetChildItem()
    {
        ParameterMetadata literal = Parameter("Resume-OssUpload", "LiteralPath");

        Assert.Contains("LocalPath", literal.Aliases);
        Assert.Contains("PSPath", literal.Aliases);
        Assert.Equal(new[] { "InputObject", "UploadId" }, literal.Sets.Select(s => s.SetName).OrderBy(s => s, StringComparer.Ordinal));
        Assert.All(literal.Sets, s => Assert.True(s.ValueFromPipelineByPropertyName && s.Mandatory));
    }

    [Fact]
    public void CheckpointPath_BindsFromGetChildItemOutput_InTheDefaultSetOfResume()
    {
        // Get-ChildItem *.checkpoint.json | Resume-OssUpload: the default set is tried first when binding by
        // property name, so FullName must be an alias of -CheckpointPath there (and not of -LiteralPath).
        ParameterMetadata resume = Parameter("Resume-OssUpload", "CheckpointPath");
        Assert.Equal("CheckpointPath", Cmdlet("Resume-OssUpload").DefaultParameterSetName);
        Assert.True(resume.Sets.Single().ValueFromPipelineByPropertyName);
        Assert.Contains("FullName", resume.Aliases);
        Assert.DoesNotContain("FullName", Parameter("Resume-OssUpload", "LiteralPath").Aliases);

        ParameterMetadata stop = Parameter("Stop-OssUpload", "CheckpointPath");
        Assert.True(stop.Sets.Single().ValueFromPipelineByPropertyName);
        Assert.Contains("PSPath", stop.Aliases);
        Assert.Contains("FullName", stop.Aliases);
    }

    [Theory]
    [InlineData("Get-OssUploadPart")]
    [InlineData("Stop-OssUpload")]
    public void UploadObjectConsumers_DefaultSetIsInputObject_SoAPipedUploadKeepsItsConnection(string name)
    {
        // PowerShell binds pipeline input in the default parameter set first, by property name as well as by
        // value. With the Bucket/Key/UploadId set as default, Get-OssMultipartUpload output bound there by
        // property name and lost its endpoint and region (issue 7). -InputObject's set must be the default.
        Assert.Equal("InputObject", Cmdlet(name).DefaultParameterSetName);
        Assert.True(Parameter(name, "InputObject").Sets.Single().ValueFromPipeline);
    }

    [Fact]
    public void Aliases_AreUniqueWithinEachCmdlet_CommonParametersIncluded()
    {
        // PowerShell refuses a cmdlet whose parameter names and aliases collide, with each other or with the
        // common parameters it adds (MetadataException on first use).
        (string Name, string Alias)[] common =
        {
            ("Verbose", "vb"), ("Debug", "db"), ("ErrorAction", "ea"), ("WarningAction", "wa"), ("InformationAction", "infa"),
            ("ErrorVariable", "ev"), ("WarningVariable", "wv"), ("InformationVariable", "iv"), ("OutVariable", "ov"),
            ("OutBuffer", "ob"), ("PipelineVariable", "pv"), ("ProgressAction", "proga"), ("WhatIf", "wi"), ("Confirm", "cf"),
        };
        foreach (CmdletMetadata cmdlet in Cmdlets)
        {
            List<string> names = cmdlet.Parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
            names.AddRange(common.Where(c => cmdlet.Parameters.All(p => p.Name != c.Name)).SelectMany(c => new[] { c.Name, c.Alias }));
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }

    [Fact]
    public void StopOssUpload_IsHighImpactWithForce_AndUploadsSupportWhatIf()
    {
        CmdletMetadata stop = Cmdlet("Stop-OssUpload");
        Assert.True(stop.SupportsShouldProcess);
        Assert.Equal(3, stop.ConfirmImpact);
        Assert.Equal("System.Management.Automation.SwitchParameter", Parameter("Stop-OssUpload", "Force").TypeName);
        Assert.True(Cmdlet("Send-OssFile").SupportsShouldProcess);
        Assert.True(Cmdlet("Resume-OssUpload").SupportsShouldProcess);
        Assert.False(Cmdlet("Get-OssMultipartUpload").SupportsShouldProcess);
        Assert.False(Cmdlet("Get-OssUploadPart").SupportsShouldProcess);
    }

    [Theory]
    [InlineData("Send-OssFile", "OssResumable.PowerShell.OssUploadResult")]
    [InlineData("Resume-OssUpload", "OssResumable.PowerShell.OssUploadResult")]
    [InlineData("Get-OssMultipartUpload", "OssResumable.PowerShell.OssMultipartUpload")]
    [InlineData("Get-OssUploadPart", "OssResumable.PowerShell.OssUploadPart")]
    [InlineData("Stop-OssUpload", "OssResumable.PowerShell.OssMultipartUpload")]
    public void OutputType_IsDeclared(string name, string type) => Assert.Equal(type, Assert.Single(Cmdlet(name).OutputTypes));

    [Fact]
    public void EveryCmdlet_SharesTheConnectionAndCredentialParameters()
    {
        string[] shared = { "Endpoint", "Region", "PathStyle", "SignatureVersion", "Credential", "AccessKeyId", "AccessKeySecret", "SecurityToken", "ProfileName" };
        foreach (CmdletMetadata cmdlet in Cmdlets)
        {
            foreach (string name in shared)
            {
                Assert.Contains(cmdlet.Parameters, p => p.Name == name);
            }
        }

        Assert.Equal("System.Management.Automation.PSCredential", Parameter("Send-OssFile", "Credential").TypeName);
        Assert.Equal(new[] { "1", "4" }, Parameter("Send-OssFile", "SignatureVersion").ValidateSet);
    }

    [Fact]
    public void DefaultParameterSets_AreSetsThatExist()
    {
        foreach (CmdletMetadata cmdlet in Cmdlets.Where(c => c.DefaultParameterSetName is not null))
        {
            Assert.Contains(cmdlet.DefaultParameterSetName!, cmdlet.ParameterSetNames);
        }
    }

    [Fact]
    public void PublicSurface_ExposesNoEngineTypes()
    {
        // PowerShell 7 hides types of assemblies loaded into another load context, and Core lives in the
        // module's private one: parameters and output objects must only use PowerShell-assembly or BCL types.
        Assert.All(Cmdlets.SelectMany(c => c.Parameters), p => Assert.DoesNotContain("OssResumable.Core", p.TypeName, StringComparison.Ordinal));
        Assembly module = typeof(OssMultipartUpload).Assembly;
        foreach (Type type in new[] { typeof(OssMultipartUpload), typeof(OssUploadPart), typeof(OssUploadResult) })
        {
            Assert.All(type.GetProperties(), p => Assert.NotEqual("OssResumable.Core", p.PropertyType.Assembly.GetName().Name));
            Assert.Same(module, type.Assembly);
        }
    }

    private static IReadOnlyList<string> ListValue(string manifest, string name)
    {
        Match match = Regex.Match(manifest, @"^\s*" + name + @"\s*=\s*@\((?<body>[^)]*)\)", RegexOptions.Multiline);
        Assert.True(match.Success, name + " is missing or not an @() list");
        return Regex.Matches(match.Groups["body"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }

    private static string ScalarValue(string manifest, string name)
    {
        Match match = Regex.Match(manifest, @"^\s*" + name + @"\s*=\s*'(?<value>[^']*)'", RegexOptions.Multiline);
        Assert.True(match.Success, name + " is missing");
        return match.Groups["value"].Value;
    }

    private static Dictionary<string, string> ReadStringConstants(string assemblyPath, string ns, string typeName)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        System.Reflection.Metadata.MetadataReader reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Reflection.Metadata.TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            System.Reflection.Metadata.TypeDefinition type = reader.GetTypeDefinition(handle);
            if (reader.GetString(type.Namespace) != ns || reader.GetString(type.Name) != typeName)
            {
                continue;
            }

            foreach (System.Reflection.Metadata.FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                System.Reflection.Metadata.FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                System.Reflection.Metadata.ConstantHandle constant = field.GetDefaultValue();
                if (!constant.IsNil)
                {
                    System.Reflection.Metadata.BlobReader blob = reader.GetBlobReader(reader.GetConstant(constant).Value);
                    values[reader.GetString(field.Name)] = blob.ReadUTF16(blob.Length);
                }
            }
        }

        return values;
    }
}
