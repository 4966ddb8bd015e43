BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $script:Emulator = Start-PcEmulator -Invoices 20
    $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
    Connect-PcAccount -ApplicationId $Emulator.ApplicationId -TenantId $Emulator.TenantId -ClientSecret (ConvertTo-SecureString $Emulator.ClientSecret -AsPlainText -Force) `
        -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -Endpoint $Emulator.BaseUrl -AuthorityHost $Emulator.BaseUrl `
        -TrustedServerCertificate $Emulator.CertificatePath | Out-Null
    $script:Invoices = @(Get-PcInvoice)
}

AfterAll {
    Disconnect-PcAccount
    Stop-PcEmulator $Emulator
}

Describe 'Save-PcInvoiceStatement' {
    BeforeEach {
        $script:Folder = New-Item -ItemType Directory (Join-Path $TestDrive ([guid]::NewGuid()))
        Reset-PcEmulatorStats $Emulator
    }

    It 'saves a real PDF named after the invoice and returns the file' {
        $file = Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path $Folder
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.Name | Should -Be "$($Invoices[0].Id).pdf"
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        [Text.Encoding]::ASCII.GetString($bytes, 0, 5) | Should -Be '%PDF-'
        [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 7, 7) | Should -Match '%%EOF'
        @(Get-ChildItem $Folder -Force).Count | Should -Be 1
    }

    It 'saves the statements of piped invoices' {
        $files = $Invoices | Select-Object -First 3 | Save-PcInvoiceStatement -Path $Folder
        $files.Name | Should -Be ($Invoices[0..2] | ForEach-Object { "$($_.Id).pdf" })
    }

    It 'writes nothing and makes no request with -WhatIf' {
        Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path $Folder -WhatIf
        @(Get-ChildItem $Folder -Force).Count | Should -Be 0
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
    }

    It 'refuses to overwrite without -Force, before any request, and overwrites with it' {
        $target = Join-Path $Folder "$($Invoices[0].Id).pdf"
        Set-Content $target 'keep me'
        $thrown = { Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path $Folder -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        "$($thrown.CategoryInfo.Category)" | Should -Be 'ResourceExists'
        Get-Content $target | Should -Be 'keep me'
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
        (Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path $Folder -Force).Length | Should -BeGreaterThan 100
    }

    It 'refuses a folder that does not exist, before any request' {
        $thrown = { Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path (Join-Path $Folder 'missing') -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'FolderNotFound,*'
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
    }

    It 'keeps a hostile id inside the folder' {
        $thrown = { Save-PcInvoiceStatement -InvoiceId '../../escaped' -Path $Folder -ErrorAction Stop } | Should -Throw -PassThru
        # The file name is sanitised; the id itself is refused before it reaches the URL.
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        Test-Path (Join-Path $TestDrive 'escaped.pdf') | Should -BeFalse
        @(Get-ChildItem $Folder -Force).Count | Should -Be 0
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
    }

    It 'saves to an explicit .pdf path' {
        $path = Join-Path $Folder 'mine.pdf'
        (Save-PcInvoiceStatement $Invoices[1].Id $path).FullName | Should -Be $path
    }

    It 'reports a 404 for one id and still saves the others' {
        $files = 'G999999999', $Invoices[2].Id | Save-PcInvoiceStatement -Path $Folder -ErrorVariable problems -ErrorAction SilentlyContinue
        @($files).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ApiNotFound,*'
    }
}

Describe 'What Save-PcInvoiceStatement returns' {
    It 'returns the file as Get-ChildItem would, so its default view shows the folder, mode and size' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'view')
        $file = Save-PcInvoiceStatement -InvoiceId $Invoices[0].Id -Path $folder
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.PSPath | Should -BeExactly (Get-Item -LiteralPath $file.FullName).PSPath
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $view = $file | Out-String -Width 200
        $view | Should -Match 'Directory: '
        # Linux shows UnixMode and Size, Windows Mode and Length.
        $view | Should -Match 'Mode\b.*LastWriteTime\s+(Length|Size)\s+Name'
        $view | Should -Match "\b$($file.Length)\s+$([regex]::Escape($file.Name))"
    }
}
