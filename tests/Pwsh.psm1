# How to start the same PowerShell that is running now, for child processes of the build, the
# specs and the benchmarks. As a dotnet local tool pwsh runs as 'dotnet pwsh.dll', so the process
# path alone would start dotnet, not PowerShell.

function Get-PwshCommand {
    [OutputType([string[]])]
    param()
    $executable = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { @($executable, (Join-Path $PSHOME 'pwsh.dll')) }
    else { @($executable) }
}

function Invoke-Pwsh {
    $command = Get-PwshCommand
    $rest = @($command | Select-Object -Skip 1)
    & $command[0] @rest @args
}

Export-ModuleMember -Function Get-PwshCommand, Invoke-Pwsh
