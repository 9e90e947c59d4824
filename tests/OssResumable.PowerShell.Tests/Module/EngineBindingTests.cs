using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OssResumable.HelpGen.Metadata;

namespace OssResumable.PowerShell.Tests.Module;

/// <summary>
/// The cmdlet assembly is compiled once, against the netstandard2.0 engine, and runs against the
/// netstandard2.0 engine (Windows PowerShell) or the net8.0 one (PowerShell 7). Every engine type and member
/// it uses must exist, with the same signature, in both shipped builds; otherwise a cmdlet fails with
/// TypeLoadException or MissingMethodException on one edition only. Read from metadata of the assembled
/// layout (tools/OssResumable.ModuleLayout), so every call site is covered, not just the ones a test runs.
/// </summary>
public class EngineBindingTests
{
    private static string Layout => Path.GetFullPath(
        typeof(EngineBindingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleLayoutDirectory").Value!);

    [Theory]
    [InlineData("Dependencies")]
    [InlineData("Dependencies/net8.0")]
    public void CmdletAssembly_EveryEngineTypeAndMemberItUses_ExistsInTheShippedEngine(string folder)
    {
        (HashSet<string> types, HashSet<string> members) used = EngineUses(Path.Combine(Layout, "OssResumable.PowerShell.dll"));
        (HashSet<string> types, HashSet<string> members) defined = EngineSurface(Path.Combine(Layout, folder, "OssResumable.Core.dll"));

        Assert.NotEmpty(used.members);
        Assert.Empty(used.types.Except(defined.types).OrderBy(t => t, StringComparer.Ordinal));
        Assert.Empty(used.members.Except(defined.members).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public void NetstandardSet_EveryReferenceIsShippedOrNetstandard()
    {
        // Windows PowerShell resolves nothing but the .NET Framework itself: every reference of a shipped
        // netstandard2.0 assembly must be another shipped assembly, or netstandard (part of .NET Framework 4.7.2).
        string folder = Path.Combine(Layout, "Dependencies");
        var shipped = new HashSet<string>(Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);

        var missing = new List<string>();
        foreach (string file in Directory.GetFiles(folder, "*.dll").Append(Path.Combine(Layout, "OssResumable.PowerShell.dll")))
        {
            foreach (string reference in References(file))
            {
                if (!shipped.Contains(reference) && reference != "netstandard" && reference != "System.Management.Automation")
                {
                    missing.Add(Path.GetFileName(file) + " -> " + reference);
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void Net8Set_EveryReferenceIsShippedOrPartOfTheRuntime_AndNoRuntimeAssemblyIsShadowed()
    {
        string folder = Path.Combine(Layout, "Dependencies", "net8.0");
        var shipped = new HashSet<string>(Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
        // The shared framework only (not this test's own dependencies, which are on the same list).
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtime = new HashSet<string>(
            ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => string.Equals(Path.GetDirectoryName(p), framework, StringComparison.Ordinal))
                .Select(Path.GetFileNameWithoutExtension)!,
            StringComparer.OrdinalIgnoreCase);
        Assert.Contains("System.Runtime", runtime);
        Assert.DoesNotContain("Polly.Core", runtime);

        Assert.Equal(new[] { "Microsoft.Bcl.AsyncInterfaces", "OssResumable.Core", "Polly.Core" }, shipped.OrderBy(n => n, StringComparer.Ordinal));
        Assert.DoesNotContain(shipped, n => n.StartsWith("System.", StringComparison.Ordinal));
        foreach (string file in Directory.GetFiles(folder, "*.dll"))
        {
            Assert.All(References(file), r => Assert.True(shipped.Contains(r) || runtime.Contains(r), Path.GetFileName(file) + " -> " + r));
        }
    }

    [Fact]
    public void EngineSurface_SeesAMissingMember()
    {
        // The check itself: a member name the engine does not define is reported.
        (HashSet<string> _, HashSet<string> members) = EngineSurface(Path.Combine(Layout, "Dependencies", "OssResumable.Core.dll"));

        Assert.Contains(members, m => m.StartsWith("OssResumable.Core.Protocol.IOssClient::ListMultipartUploadsAsync(", StringComparison.Ordinal));
        Assert.DoesNotContain("OssResumable.Core.Protocol.IOssClient::NoSuchMethod()", members);
    }

    private static (HashSet<string> Types, HashSet<string> Members) EngineUses(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeReferenceHandle handle in reader.TypeReferences)
        {
            if (IsEngine(reader, handle))
            {
                types.Add(NameTypeProvider.FullName(reader, handle));
            }
        }

        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference member = reader.GetMemberReference(handle);
            string? owner = member.Parent.Kind switch
            {
                HandleKind.TypeReference when IsEngine(reader, (TypeReferenceHandle)member.Parent) => NameTypeProvider.FullName(reader, (TypeReferenceHandle)member.Parent),
                HandleKind.TypeSpecification => GenericEngineType(reader, (TypeSpecificationHandle)member.Parent),
                _ => null,
            };
            if (owner is null)
            {
                continue;
            }

            string name = reader.GetString(member.Name);
            members.Add(owner + "::" + name + (member.GetKind() == MemberReferenceKind.Method
                ? Describe(member.DecodeMethodSignature(NameTypeProvider.Instance, null))
                : ":" + member.DecodeFieldSignature(NameTypeProvider.Instance, null)));
        }

        return (types, members);
    }

    private static (HashSet<string> Types, HashSet<string> Members) EngineSurface(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        var types = new HashSet<string>(StringComparer.Ordinal);
        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility != TypeAttributes.Public && visibility != TypeAttributes.NestedPublic)
            {
                continue;
            }

            string name = NameTypeProvider.FullName(reader, handle);
            types.Add(name);
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(methodHandle);
                MethodAttributes access = method.Attributes & MethodAttributes.MemberAccessMask;
                if (access == MethodAttributes.Public || access == MethodAttributes.Family || access == MethodAttributes.FamORAssem)
                {
                    members.Add(name + "::" + reader.GetString(method.Name) + Describe(method.DecodeSignature(NameTypeProvider.Instance, null)));
                }
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                if ((field.Attributes & FieldAttributes.FieldAccessMask) == FieldAttributes.Public)
                {
                    members.Add(name + "::" + reader.GetString(field.Name) + ":" + field.DecodeSignature(NameTypeProvider.Instance, null));
                }
            }
        }

        return (types, members);
    }

    private static IEnumerable<string> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }

    private static string Describe(MethodSignature<string> signature) =>
        (signature.GenericParameterCount > 0 ? "`" + signature.GenericParameterCount : string.Empty)
        + "(" + string.Join(",", signature.ParameterTypes) + ")" + signature.ReturnType;

    private static bool IsEngine(MetadataReader reader, TypeReferenceHandle handle)
    {
        EntityHandle scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference
            && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) == "OssResumable.Core";
    }

    private static string? GenericEngineType(MetadataReader reader, TypeSpecificationHandle handle)
    {
        BlobReader blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadSignatureTypeCode();
        EntityHandle generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference && IsEngine(reader, (TypeReferenceHandle)generic)
            ? NameTypeProvider.FullName(reader, (TypeReferenceHandle)generic)
            : null;
    }
}
