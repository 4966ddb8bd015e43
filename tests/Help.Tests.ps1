BeforeDiscovery {
    $script:Commands = (Import-PowerShellDataFile (Join-Path (Split-Path $PSScriptRoot -Parent) 'PartnerCenterInvoices.psd1')).CmdletsToExport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help for <_>' -ForEach $Commands {
    BeforeAll {
        $script:Name = $_
        $script:Help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description of its own' {
        # Without MAML, PowerShell makes the synopsis from the syntax, which starts with the name.
        $Help.Synopsis | Should -Not -Match "^$Name"
        $Help.Synopsis.Length | Should -BeGreaterThan 20
        ($Help.Description.Text -join ' ').Length | Should -BeGreaterThan 60
    }

    It 'has at least two examples with code' {
        @($Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.Examples.Example) { $example.Code | Should -Match '\S' }
    }

    It 'describes every parameter a user sees' {
        $visible = (Get-Command $Name).Parameters.Values | Where-Object {
            $_.Name -notin $Common -and -not ($_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow }) }
        foreach ($parameter in $visible) {
            $described = $Help.Parameters.Parameter | Where-Object Name -eq $parameter.Name
            ($described.Description.Text -join ' ') | Should -Match '\w{3}' -Because "-$($parameter.Name) needs a description"
        }
    }
}

Describe 'about_PartnerCenterInvoices' {
    It 'explains connecting, paging, errors and runbooks' {
        $text = Get-Help about_PartnerCenterInvoices | Out-String
        foreach ($heading in 'CONNECTING', 'PAGING', 'ERRORS', 'RUNBOOKS') { $text | Should -Match $heading }
    }
}
