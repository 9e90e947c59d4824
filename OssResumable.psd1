# Source manifest of the OssResumable module. ./build.ps1 copies it to out/OssResumable/ and replaces
# {{ModuleVersion}} with the VersionPrefix from Directory.Build.props (the one version source of the
# repository), {{ProjectUri}} and {{LicenseUri}} with its PackageProjectUrl and PackageLicenseUrl (a line
# whose property is not set is left out). Import the built module, not this file.
@{
    RootModule             = 'OssResumable.PowerShell.dll'
    ModuleVersion          = '{{ModuleVersion}}'
    GUID                   = '5ec273fa-55fe-4c2d-8d74-10442f885d33'
    Author                 = 'OssResumable contributors'
    CompanyName            = 'OssResumable contributors'
    Copyright              = '(c) OssResumable contributors'
    Description            = 'Resumable, parallel, CRC-64-verified uploads of large files to Alibaba Cloud OSS, for Windows PowerShell 5.1 and PowerShell 7.4+.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('OssResumable.format.ps1xml')
    CmdletsToExport        = @(
        'Send-OssFile'
        'Resume-OssUpload'
        'Get-OssMultipartUpload'
        'Get-OssUploadPart'
        'Stop-OssUpload'
        'Get-OssUploadCheckpoint'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Alibaba', 'AlibabaCloud', 'Aliyun', 'OSS', 'Upload', 'Multipart', 'Resumable', 'Backup', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = '{{ProjectUri}}'
            LicenseUri   = '{{LicenseUri}}'
            ReleaseNotes = 'First release: Send-OssFile (parallel, resumable multipart uploads verified by CRC-64, checkpoints that survive Ctrl+C, crashes and reboots), Resume-OssUpload, Get-OssMultipartUpload, Get-OssUploadPart and Stop-OssUpload, with tab completion, progress and help. Checkpoints record how the upload was signed, so a resume needs no connection parameters.'
        }
    }
}
