<#
.SYNOPSIS
    Builds the module's MAML help (en-US/PartnerCenterInvoices.dll-Help.xml) from help/*.md and the cmdlets themselves.
.DESCRIPTION
    The markdown beside the code holds what people write (synopsis, description, examples,
    parameter text); syntax, types, positions and pipeline input come from the compiled cmdlets, so
    they cannot drift. A cmdlet without synopsis, description, two examples or a description of
    every parameter fails the build.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SourceFolder,
    [Parameter(Mandatory)] [string] $OutputFile
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$module = Import-Module $ModulePath -PassThru -Force
$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters

function Read-HelpSource([string] $path) {
    $help = @{ Synopsis = ''; Description = ''; Examples = [Collections.Generic.List[object]]::new(); Parameters = @{}; Outputs = [Collections.Generic.List[object]]::new() }
    $section = ''; $current = $null
    $inCode = $false
    foreach ($line in Get-Content $path) {
        if ($line -match '^```') {
            $inCode = -not $inCode
            continue
        }
        if ($inCode) { $current.Code += $line + "`n"; continue }
        # Notes for the help's own checks (such as the examples spec's "not run: why"), not for readers.
        if ($line -match '^\s*<!--.*-->\s*$') { continue }
        if ($line -match '^## (.+)$') { $section = $Matches[1].Trim(); $current = $null; continue }
        if ($line -match '^### (.+)$') {
            $title = $Matches[1].Trim()
            switch ($section) {
                'EXAMPLES' { $current = @{ Title = $title; Code = ''; Remarks = '' }; $help.Examples.Add($current) }
                'PARAMETERS' { $current = @{ Text = '' }; $help.Parameters[$title.TrimStart('-')] = $current }
                'OUTPUTS' { $current = @{ Type = $title; Text = '' }; $help.Outputs.Add($current) }
            }
            continue
        }
        switch ($section) {
            'SYNOPSIS' { $help.Synopsis = ($help.Synopsis + ' ' + $line).Trim() }
            'DESCRIPTION' { $help.Description += $line + "`n" }
            'EXAMPLES' { if ($current) { $current.Remarks += $line + "`n" } }
            'PARAMETERS' { if ($current) { $current.Text += $line + "`n" } }
            'OUTPUTS' { if ($current) { $current.Text += $line + "`n" } }
        }
    }
    $help
}

function Add-Paragraphs([Xml.XmlWriter] $writer, [string] $text) {
    $writer.WriteStartElement('maml', 'description', $maml)
    foreach ($paragraph in ($text.Trim() -split "(\r?\n){2,}")) {
        if ($paragraph.Trim()) { $writer.WriteElementString('maml', 'para', $maml, ($paragraph -replace '\s*\r?\n\s*', ' ').Trim()) }
    }
    $writer.WriteEndElement()
}

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$commandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

# The default a parameter shows in help: [PSDefaultValue] where the value is decided elsewhere (a
# nullable parameter the client fills in), else the value a new cmdlet object starts with, when it is
# a value a reader could type; otherwise None.
function Get-DefaultValueText($command, $parameter) {
    $property = $command.ImplementingType.GetProperty($parameter.Name)
    if (-not $property) { return 'None' }
    $declared = $property.GetCustomAttributes([System.Management.Automation.PSDefaultValueAttribute], $true) | Select-Object -First 1
    if ($declared) { return [string]$(if ($null -ne $declared.Value) { $declared.Value } else { $declared.Help }) }
    $value = $property.GetValue([Activator]::CreateInstance($command.ImplementingType))
    if ($value -is [string] -and $value -ne '' -or $value -is [char] -or $value -is [enum] -or ($value -is [ValueType] -and $value.GetType().IsPrimitive -and $value -isnot [bool])) {
        return [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
    }
    'None'
}

function Write-Parameter([Xml.XmlWriter] $writer, $parameter, $attribute, [string] $text, [string] $defaultValue) {
    $pipeline = if ($attribute.ValueFromPipeline -and $attribute.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' }
        elseif ($attribute.ValueFromPipeline) { 'True (ByValue)' } elseif ($attribute.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
    $isSwitch = $parameter.ParameterType -eq [switch]
    # Show int, not Nullable`1: optional parameters are nullable only so "not given" can be told apart.
    $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
    $writer.WriteStartElement('command', 'parameter', $commandNs)
    $writer.WriteAttributeString('required', "$($attribute.Mandatory)".ToLowerInvariant())
    $writer.WriteAttributeString('variableLength', "$($parameter.ParameterType.IsArray)".ToLowerInvariant())
    $writer.WriteAttributeString('globbing', 'false')
    $writer.WriteAttributeString('pipelineInput', $pipeline)
    $writer.WriteAttributeString('position', $(if ($attribute.Position -ge 0) { "$($attribute.Position)" } else { 'named' }))
    $writer.WriteAttributeString('aliases', $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }))
    $writer.WriteElementString('maml', 'name', $maml, $parameter.Name)
    Add-Paragraphs $writer $text
    if (-not $isSwitch) {
        $writer.WriteStartElement('command', 'parameterValue', $commandNs)
        $writer.WriteAttributeString('required', 'true')
        $writer.WriteAttributeString('variableLength', 'false')
        $writer.WriteString($type.Name)
        $writer.WriteEndElement()
    }
    $writer.WriteStartElement('dev', 'type', $dev)
    $writer.WriteElementString('maml', 'name', $maml, $type.FullName)
    $writer.WriteEndElement()
    if ($defaultValue) { $writer.WriteElementString('dev', 'defaultValue', $dev, $defaultValue) }
    $writer.WriteEndElement()
}

$problems = [Collections.Generic.List[string]]::new()
$settings = [Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [Text.UTF8Encoding]::new($false) }
New-Item -ItemType Directory -Force -Path (Split-Path $OutputFile) | Out-Null
$writer = [Xml.XmlWriter]::Create($OutputFile, $settings)
$writer.WriteStartDocument()
$writer.WriteStartElement('helpItems', 'http://msh')
$writer.WriteAttributeString('schema', 'maml')

foreach ($command in $module.ExportedCmdlets.Values | Sort-Object Name) {
    $source = Join-Path $SourceFolder "$($command.Name).md"
    if (-not (Test-Path $source)) { $problems.Add("$($command.Name): no $source"); continue }
    $help = Read-HelpSource $source
    if (-not $help.Synopsis) { $problems.Add("$($command.Name): no synopsis") }
    if (-not $help.Description.Trim()) { $problems.Add("$($command.Name): no description") }
    if ($help.Examples.Count -lt 2) { $problems.Add("$($command.Name): fewer than two examples") }
    $parameters = @($command.Parameters.Values | Where-Object {
            $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow }) })
    foreach ($parameter in $parameters) {
        if (-not $help.Parameters.ContainsKey($parameter.Name) -or -not $help.Parameters[$parameter.Name].Text.Trim()) {
            $problems.Add("$($command.Name): parameter -$($parameter.Name) has no description")
        }
    }
    $text = { param($name) if ($help.Parameters.ContainsKey($name)) { $help.Parameters[$name].Text } else { '' } }

    $writer.WriteStartElement('command', 'command', $commandNs)
    $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $writer.WriteStartElement('command', 'details', $commandNs)
    $writer.WriteElementString('command', 'name', $commandNs, $command.Name)
    $writer.WriteElementString('command', 'verb', $commandNs, $command.Verb)
    $writer.WriteElementString('command', 'noun', $commandNs, $command.Noun)
    Add-Paragraphs $writer $help.Synopsis
    $writer.WriteEndElement()
    Add-Paragraphs $writer $help.Description

    $writer.WriteStartElement('command', 'syntax', $commandNs)
    foreach ($set in $command.ParameterSets) {
        $writer.WriteStartElement('command', 'syntaxItem', $commandNs)
        $writer.WriteElementString('maml', 'name', $maml, $command.Name)
        foreach ($parameter in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $full = $command.Parameters[$parameter.Name]
            if ($full.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow }) { continue }
            Write-Parameter $writer $full ([pscustomobject]@{ Mandatory = $parameter.IsMandatory; Position = $parameter.Position;
                    ValueFromPipeline = $parameter.ValueFromPipeline; ValueFromPipelineByPropertyName = $parameter.ValueFromPipelineByPropertyName }) (& $text $parameter.Name) $null
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'parameters', $commandNs)
    foreach ($parameter in $parameters) {
        $attribute = $parameter.Attributes | Where-Object { $_ -is [Parameter] } | Select-Object -First 1
        Write-Parameter $writer $parameter $attribute (& $text $parameter.Name) (Get-DefaultValueText $command $parameter)
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'returnValues', $commandNs)
    foreach ($output in $help.Outputs) {
        $writer.WriteStartElement('command', 'returnValue', $commandNs)
        $writer.WriteStartElement('dev', 'type', $dev)
        $writer.WriteElementString('maml', 'name', $maml, $output.Type)
        $writer.WriteEndElement()
        Add-Paragraphs $writer $output.Text
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()

    $writer.WriteStartElement('command', 'examples', $commandNs)
    $number = 0
    foreach ($example in $help.Examples) {
        $number++
        $writer.WriteStartElement('command', 'example', $commandNs)
        $writer.WriteElementString('maml', 'title', $maml, "-------------------------- $($example.Title) --------------------------")
        $writer.WriteElementString('dev', 'code', $dev, $example.Code.TrimEnd())
        $writer.WriteStartElement('dev', 'remarks', $dev)
        $writer.WriteElementString('maml', 'para', $maml, ($example.Remarks.Trim() -replace '\s*\r?\n\s*', ' '))
        $writer.WriteEndElement()
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
}
$writer.WriteEndElement()
$writer.WriteEndDocument()
$writer.Dispose()

if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
Write-Host "Help written: $OutputFile"
