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
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidInvoiceId,*'
        Test-Path (Join-Path $TestDrive 'escaped.pdf') | Should -BeFalse
        @(Get-ChildItem $Folder -Force).Count | Should -Be 0
        (Get-PcEmulatorStats $Emulator).apiRequests | Should -Be 0
    }

    It 'saves to an explicit .pdf path' {
        $path = Join-Path $Folder 'mine.pdf'
        (Save-PcInvoiceStatement $Invoices[1].Id $path).FullName | Should -Be $path
    }

    It 'writes the file only when the download is done, and never replaces a file created meanwhile without -Force' {
        $id = $Invoices[3].Id
        $target = Join-Path $Folder "$id.pdf"
        Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck -ContentType 'application/json' `
            -Body (@{ mode = 'slow'; every = 1; ms = 3000; pathPrefix = "/v1/invoices/$id/documents" } | ConvertTo-Json) | Out-Null
        try {
            # Another program creates the file while the statement is on its way.
            $creator = Start-ThreadJob { Start-Sleep -Milliseconds 1000; Set-Content -LiteralPath $using:target 'created meanwhile' }
            $thrown = { Save-PcInvoiceStatement -InvoiceId $id -Path $Folder -ErrorAction Stop } | Should -Throw -PassThru
            $creator | Wait-Job | Remove-Job
        }
        finally { Invoke-RestMethod -Method Delete -Uri "$($Emulator.BaseUrl)/_emulator/faults" -SkipCertificateCheck | Out-Null }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        Get-Content $target | Should -Be 'created meanwhile'
        @(Get-ChildItem $Folder -Force).Name | Should -Be "$id.pdf"
    }

    It 'reports a 404 for one id and still saves the others' {
        $files = 'G999999999', $Invoices[2].Id | Save-PcInvoiceStatement -Path $Folder -ErrorVariable problems -ErrorAction SilentlyContinue
        @($files).Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ApiNotFound,*'
    }

    It 'reports a bad id as InvalidInvoiceId for that item and goes on, in <Command>' -ForEach @(
        @{ Command = 'Get-PcInvoice'; Run = { param($ids, $folder) $ids | Get-PcInvoice } }
        @{ Command = 'Get-PcInvoiceLineItem'; Run = { param($ids, $folder) $ids | Get-PcInvoiceLineItem -BillingProvider OneTime } }
        @{ Command = 'Save-PcInvoiceStatement'; Run = { param($ids, $folder) $ids | Save-PcInvoiceStatement -Path $folder } }
    ) {
        $good = ($Invoices | Where-Object { $_.InvoiceDetails.BillingProvider -contains 'OneTime' } | Select-Object -First 1).Id
        $all = @(& $Run 'bad/id', $good $Folder 2>&1)
        $problems = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $output = @($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] })
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "InvalidInvoiceId,*"
        "$($problems[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message | Should -Match 'bad/id'
        $output.Count | Should -BeGreaterThan 0 -Because "the good id $good is still read"
    }

    It 'reports a folder it cannot write to as WriteFailed for each item, naming the file' {
        $readOnly = New-Item -ItemType Directory (Join-Path $Folder 'read-only')
        & chmod 555 $readOnly
        # root writes to mode 555 folders; the immutable flag stops root too.
        $immutable = (& id -u) -eq '0' -and (& { chattr +i $readOnly 2>$null; $LASTEXITCODE }) -eq 0
        try {
            try { [IO.File]::WriteAllText((Join-Path $readOnly 'probe'), 'x'); Set-ItResult -Skipped -Because 'this machine cannot make a folder read-only' }
            catch [UnauthorizedAccessException] { }
            $files = @($Invoices[0].Id, $Invoices[1].Id | Save-PcInvoiceStatement -Path $readOnly -ErrorVariable problems -ErrorAction SilentlyContinue)
            $files.Count | Should -Be 0
            $problems.Count | Should -Be 2
            foreach ($index in 0, 1) {
                $problems[$index].FullyQualifiedErrorId | Should -BeLike 'WriteFailed,*'
                "$($problems[$index].CategoryInfo.Category)" | Should -Be 'PermissionDenied'
                $problems[$index].TargetObject | Should -Be (Join-Path $readOnly "$($Invoices[$index].Id).pdf")
                $problems[$index].Exception.Message | Should -Match ([regex]::Escape("$($Invoices[$index].Id).pdf"))
                $problems[$index].Exception.Message | Should -Not -Match 'partial'
            }
        }
        finally {
            if ($immutable) { & chattr -i $readOnly }
            & chmod 755 $readOnly
        }
    }

    It 'reports a path where no file can be made as WriteFailed, naming the file' -Skip:(-not $IsLinux) {
        $files = @($Invoices[0].Id | Save-PcInvoiceStatement -Path '/proc/x.pdf' -ErrorVariable problems -ErrorAction SilentlyContinue)
        $files.Count | Should -Be 0
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'WriteFailed,*'
        $problems[0].TargetObject | Should -Be '/proc/x.pdf'
        $problems[0].Exception.Message | Should -Match "'/proc/x\.pdf'"
        $problems[0].Exception.Message | Should -Not -Match 'partial'
    }

    It 'does not retry a full disk: one request per item, WriteFailed, no file left' -Skip:(-not $IsLinux) {
        # A real full disk: the child pwsh runs in its own mount namespace (unshare), where the folder is a
        # small tmpfs filled to the last byte, so writing the statement fails with ENOSPC.
        $full = New-Item -ItemType Directory (Join-Path $Folder 'full')
        & unshare -rm true 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'unshare cannot make a mount namespace here'; return }
        $refresh = (Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUrl)/_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com" -SkipCertificateCheck).refresh_token
        $script = @"
Import-Module '$ModulePath'
Connect-PcAccount -ApplicationId '$($Emulator.ApplicationId)' -TenantId '$($Emulator.TenantId)' -ClientSecret (ConvertTo-SecureString '$($Emulator.ClientSecret)' -AsPlainText -Force) ``
    -RefreshToken (ConvertTo-SecureString '$refresh' -AsPlainText -Force) -Endpoint '$($Emulator.BaseUrl)' -AuthorityHost '$($Emulator.BaseUrl)' ``
    -TrustedServerCertificate '$($Emulator.CertificatePath)' | Out-Null
`$files = @('$($Invoices[0].Id)', '$($Invoices[1].Id)' | Save-PcInvoiceStatement -Path '$full' -ErrorVariable problems -ErrorAction SilentlyContinue)
'files=' + `$files.Count
foreach (`$problem in `$problems) { 'error=' + `$problem.FullyQualifiedErrorId + '|' + `$problem.CategoryInfo.Category + '|' + `$problem.TargetObject + '|' + `$problem.Exception.Message }
'left=' + @(Get-ChildItem '$full' -Force | Where-Object Name -ne 'filler').Count
"@
        $pwsh = (Get-PwshCommand | ForEach-Object { "'$_'" }) -join ' '
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        Reset-PcEmulatorStats $Emulator
        $output = & unshare -rm sh -c "mount -t tmpfs -o size=64k tmpfs '$full' && { dd if=/dev/zero of='$full/filler' bs=4k 2>/dev/null; exec $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded; }" 2>&1 |
            ForEach-Object { "$_" }
        $text = $output -join "`n"
        $output | Should -Contain 'files=0' -Because $text
        $errors = @($output | Where-Object { $_ -like 'error=*' })
        $errors.Count | Should -Be 2 -Because $text
        foreach ($index in 0, 1) {
            $errors[$index] | Should -BeLike "error=WriteFailed,*|WriteError|$(Join-Path $full "$($Invoices[$index].Id).pdf")|*space*" -Because $text
            $errors[$index] | Should -Not -Match 'partial'
        }
        $output | Should -Contain 'left=0' -Because $text
        # Each statement was asked for once: a full disk is not a network fault.
        @((Get-PcEmulatorStats $Emulator).recent | Where-Object path -like '*/documents/statement').Count | Should -Be 2
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
