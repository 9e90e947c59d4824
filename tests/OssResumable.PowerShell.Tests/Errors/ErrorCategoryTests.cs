using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OssResumable.PowerShell.Errors;
using OssResumable.PowerShell.Tests.Fakes;

namespace OssResumable.PowerShell.Tests.Errors;

public class ErrorCategoryTests
{
    [Fact]
    public void PsErrorCategory_MatchesErrorCategoryOfPowerShellsReferenceAssembly()
    {
        Dictionary<string, int> reference = ReadEnum(TestPaths.SmaReference, "System.Management.Automation", "ErrorCategory");

        Assert.True(reference.Count > 25, "ErrorCategory was not read from the reference assembly.");
        foreach (PsErrorCategory category in Enum.GetValues<PsErrorCategory>())
        {
            Assert.True(reference.TryGetValue(category.ToString(), out int value), category + " is not an ErrorCategory name.");
            Assert.Equal(value, (int)category);
        }
    }

    internal static Dictionary<string, int> ReadEnum(string assemblyPath, string ns, string name)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (reader.GetString(type.Namespace) != ns || reader.GetString(type.Name) != name)
            {
                continue;
            }

            foreach (FieldDefinitionHandle fieldHandle in type.GetFields())
            {
                FieldDefinition field = reader.GetFieldDefinition(fieldHandle);
                ConstantHandle constant = field.GetDefaultValue();
                if (!constant.IsNil)
                {
                    BlobReader blob = reader.GetBlobReader(reader.GetConstant(constant).Value);
                    values[reader.GetString(field.Name)] = blob.ReadInt32();
                }
            }
        }

        return values;
    }
}
