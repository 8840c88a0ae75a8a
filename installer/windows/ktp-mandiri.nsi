; KTP-el Mandiri station installer for Windows (NSIS 3, Unicode).
;
; Built by installer/build.py on Windows from the PyInstaller folder (dist\ktp-mandiri); CI compiles it
; on Linux with Debian's makensis against a stand-in folder of the same layout so that it cannot rot.
;
;   makensis -DVERSION=0.2.0 -DBUNDLE_DIR=dist\ktp-mandiri -DOUT_FILE=dist\ktp-mandiri-0.2.0-setup.exe
;            [-DZADIG=path\to\zadig.exe] installer\windows\ktp-mandiri.nsi
;
; Installs for all users under Program Files, with Start-menu and desktop shortcuts and an entry in
; "Apps & features". The command line is ktp-mandiri-cli.exe beside the program, opened from the
; Start-menu shortcut "KTP-el Mandiri - baris perintah": a cmd window with the program folder on that
; window's PATH (the system PATH is not changed). The station's data lives in each user's %LOCALAPPDATA%\Disdukcapil\KTP-el Mandiri
; and is never touched: an upgrade leaves it for the new version to back up and migrate on its first
; start, the uninstaller leaves it in place and says where it is.

; A 64-bit setup program (Qt 6 and the bundle are 64-bit only): 32-bit Windows cannot start it.
Target amd64-unicode
!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!ifndef VERSION
  !error "define VERSION, e.g. -DVERSION=0.2.0"
!endif
!ifndef BUNDLE_DIR
  !error "define BUNDLE_DIR: the PyInstaller folder (dist\ktp-mandiri)"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "ktp-mandiri-${VERSION}-setup.exe"
!endif

; The bundle must carry what the station needs; fail the build rather than ship without it.
!if /FileExists "${BUNDLE_DIR}\ktp-mandiri.exe"
!else
  !error "${BUNDLE_DIR}\ktp-mandiri.exe is missing"
!endif
!if /FileExists "${BUNDLE_DIR}\ktp-mandiri-cli.exe"
!else
  !error "${BUNDLE_DIR}\ktp-mandiri-cli.exe is missing: the command line would not work"
!endif
!if /FileExists "${BUNDLE_DIR}\_internal\libusb-1.0.dll"
!else
  !error "${BUNDLE_DIR}\_internal\libusb-1.0.dll is missing: pyusb would fail with NoBackendError"
!endif
!if /FileExists "${BUNDLE_DIR}\_internal\PySide6\plugins\platforms\qwindows.dll"
!else
  !error "Qt's Windows platform plugin is missing from ${BUNDLE_DIR}"
!endif

; Signing inside the build (installer/nsis.py passes SIGN from KTP_SIGN_COMMAND, "%1" = the file): the
; uninstaller before it is packed into the setup program, the setup program once it is written.
!ifdef SIGN
  !uninstfinalize '${SIGN}'
  !finalize '${SIGN}'
!endif

!define APP_NAME "KTP-el Mandiri"
!define PUBLISHER "Disdukcapil"
!define EXE "ktp-mandiri.exe"
!define CLI_EXE "ktp-mandiri-cli.exe"
!define CLI_SHORTCUT "${APP_NAME} - baris perintah"
; Qt 6.8 needs Windows 10 1809 (build 17763) or later.
!define MIN_WINDOWS_BUILD 17763
; Held by every running KTP-el Mandiri (desktop/app.py RUNNING_MUTEX): files are not replaced under it.
!define RUNNING_MUTEX "Global\KTP-el-Mandiri"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\KTP-el Mandiri"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
InstallDir "$PROGRAMFILES64\${APP_NAME}"
; The folder of an earlier installation is read in .onInit, after SetRegView 64 (InstallDirRegKey would
; read the 32-bit view, where the 64-bit installer never wrote it).
RequestExecutionLevel admin
SetCompressor /SOLID lzma
ShowInstDetails show

; VIProductVersion takes four numbers only: installer/nsis.py passes VI_VERSION (0.2.0rc1 -> 0.2.0.0).
!ifndef VI_VERSION
  !error "define VI_VERSION (four numbers, e.g. 0.2.0.0): installer/nsis.py derives it from VERSION"
!endif
VIProductVersion "${VI_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP_NAME} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!if /FileExists "${BUNDLE_DIR}\_internal\resources\icons\ktp-mandiri.ico"
  !define MUI_ICON "${BUNDLE_DIR}\_internal\resources\icons\ktp-mandiri.ico"
  !define MUI_UNICON "${BUNDLE_DIR}\_internal\resources\icons\ktp-mandiri.ico"
!endif
!define MUI_ABORTWARNING
; No "Run now": the setup program runs elevated, and the program started from here would run as the
; administrator who typed the UAC password, making the station in that account's data folder.
!define MUI_FINISHPAGE_TEXT "$(FinishText)"
!define MUI_FINISHPAGE_SHOWREADME ""
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(PrinterSetupNow)"
!define MUI_FINISHPAGE_SHOWREADME_FUNCTION OpenPrinterSetup

Var PrinterPath
Var RadioUsb
Var RadioSpooler
Var RadioLater

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
Page custom PrinterPage PrinterPageLeave
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "$(UninstalledTitle)"
!define MUI_FINISHPAGE_TEXT "$(DataKeptText)"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Indonesian"
!insertmacro MUI_LANGUAGE "English"

LangString PrinterTitle ${LANG_INDONESIAN} "Printer kartu"
LangString PrinterTitle ${LANG_ENGLISH} "Card printer"
LangString PrinterSubtitle ${LANG_INDONESIAN} "Bagaimana stasiun ini berbicara dengan printer kartunya?"
LangString PrinterSubtitle ${LANG_ENGLISH} "How does this station talk to its card printer?"
LangString PrinterUsb ${LANG_INDONESIAN} "USB langsung (Evolis): pasang driver WinUSB dengan Zadig. Printer tidak lagi memakai driver vendor dan antrean cetak Windows."
LangString PrinterUsb ${LANG_ENGLISH} "Direct USB (Evolis): install the WinUSB driver with Zadig. The printer then no longer uses the vendor driver and the Windows print queue."
LangString PrinterSpooler ${LANG_INDONESIAN} "Driver vendor dan antrean cetak Windows (mis. Fargo, Zebra): pasang driver dari vendor, lalu di aplikasi pilih printer spooler://<nama printer di Windows>."
LangString PrinterSpooler ${LANG_ENGLISH} "Vendor driver and the Windows print queue (e.g. Fargo, Zebra): install the vendor's driver, then choose the printer spooler://<printer name in Windows> in the app."
LangString PrinterLater ${LANG_INDONESIAN} "Nanti (petunjuk ada di README, bagian Install)."
LangString PrinterLater ${LANG_ENGLISH} "Later (see the README, section Install)."
LangString PrinterSetupNow ${LANG_INDONESIAN} "Siapkan printer kartu sekarang"
LangString PrinterSetupNow ${LANG_ENGLISH} "Set up the card printer now"
LangString ZadigSteps ${LANG_INDONESIAN} "Zadig akan dibuka. Colokkan dan nyalakan printer kartu, lalu: Options > List All Devices, pilih printer kartu, pilih WinUSB, klik Replace Driver."
LangString ZadigSteps ${LANG_ENGLISH} "Zadig will open. Plug in and switch on the card printer, then: Options > List All Devices, choose the card printer, select WinUSB, click Replace Driver."
LangString ZadigMissing ${LANG_INDONESIAN} "Zadig tidak disertakan dalam penginstal ini. Unduh dari https://zadig.akeo.ie lalu ikuti langkah yang sama: Options > List All Devices, pilih printer kartu, pilih WinUSB, Replace Driver."
LangString ZadigMissing ${LANG_ENGLISH} "Zadig is not included in this installer. Download it from https://zadig.akeo.ie and follow the same steps: Options > List All Devices, choose the card printer, select WinUSB, Replace Driver."
LangString SpoolerSteps ${LANG_INDONESIAN} "Pasang driver printer kartu dari vendor, lalu catat nama printer di Devices and Printers. Di KTP-el Mandiri (menu Printer, atau ktp-mandiri printers --add) gunakan spooler://<nama printer>."
LangString SpoolerSteps ${LANG_ENGLISH} "Install the card printer's driver from its vendor, then note the printer's name in Devices and Printers. In KTP-el Mandiri (Printer menu, or ktp-mandiri printers --add) use spooler://<printer name>."
LangString FinishText ${LANG_INDONESIAN} "KTP-el Mandiri telah dipasang. Keluar dari akun admin, masuk dengan akun Windows operator, lalu mulai KTP-el Mandiri dari menu Start. Perintah baris (cadangan ke flash disk, printer-probe, support-bundle): menu Start > ${CLI_SHORTCUT}."
LangString FinishText ${LANG_ENGLISH} "KTP-el Mandiri has been installed. Sign out of the admin account, sign in with the operator's Windows account, then start KTP-el Mandiri from the Start menu. Command line (flash-disk backup, printer-probe, support-bundle): Start menu > ${CLI_SHORTCUT}."
LangString OldWindows ${LANG_INDONESIAN} "KTP-el Mandiri memerlukan Windows 10 versi 1809 (build ${MIN_WINDOWS_BUILD}) atau yang lebih baru. Perbarui Windows lalu jalankan penginstal ini lagi."
LangString OldWindows ${LANG_ENGLISH} "KTP-el Mandiri needs Windows 10 version 1809 (build ${MIN_WINDOWS_BUILD}) or later. Update Windows, then run this installer again."
LangString AppRunning ${LANG_INDONESIAN} "KTP-el Mandiri sedang berjalan di PC ini (jendela atau perintah baris, mungkin di akun lain). Tutup semuanya, lalu klik Retry."
LangString AppRunning ${LANG_ENGLISH} "KTP-el Mandiri is running on this PC (a window or a command, perhaps in another account). Close them all, then click Retry."
LangString UninstalledTitle ${LANG_INDONESIAN} "KTP-el Mandiri telah dihapus"
LangString UninstalledTitle ${LANG_ENGLISH} "KTP-el Mandiri has been removed"
LangString DataKeptText ${LANG_INDONESIAN} "Program telah dihapus. Data stasiun (database, cadangan, log) TIDAK dihapus dan tetap ada di folder data tiap pengguna: %LOCALAPPDATA%\Disdukcapil\KTP-el Mandiri. Hapus hanya atas perintah petugas TI kabupaten."
LangString DataKeptText ${LANG_ENGLISH} "The program has been removed. The station's data (database, backups, logs) was NOT removed and stays in each user's data folder: %LOCALAPPDATA%\Disdukcapil\KTP-el Mandiri. Delete it only when the regency's IT officer says so."

; Replacing the program folder under a running copy would leave half of _internal old and half new.
!macro CHECK_NOT_RUNNING un
Function ${un}CheckNotRunning
  retry:
  System::Call 'kernel32::OpenMutexW(i 0x00100000, i 0, w "${RUNNING_MUTEX}") p .r0'  ; SYNCHRONIZE
  ${If} $0 P<> 0
    System::Call 'kernel32::CloseHandle(p r0)'
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
    Abort
  ${EndIf}
FunctionEnd
!macroend
!insertmacro CHECK_NOT_RUNNING ""
!insertmacro CHECK_NOT_RUNNING "un."

Function .onInit
  SetRegView 64
  !insertmacro MUI_LANGDLL_DISPLAY
  ${IfNot} ${AtLeastBuild} ${MIN_WINDOWS_BUILD}
    MessageBox MB_ICONSTOP "$(OldWindows)" /SD IDOK
    Abort
  ${EndIf}
  ; An upgrade goes where the last version went, unless /D= on the command line chose another folder.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
  ${AndIf} $INSTDIR == "$PROGRAMFILES64\${APP_NAME}"
    StrCpy $INSTDIR $0
  ${EndIf}
  StrCpy $PrinterPath "later"
  Call CheckNotRunning
FunctionEnd

Function PrinterPage
  !insertmacro MUI_HEADER_TEXT "$(PrinterTitle)" "$(PrinterSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateRadioButton} 0 0u 100% 30u "$(PrinterUsb)"
  Pop $RadioUsb
  ${NSD_CreateRadioButton} 0 36u 100% 30u "$(PrinterSpooler)"
  Pop $RadioSpooler
  ${NSD_CreateRadioButton} 0 72u 100% 14u "$(PrinterLater)"
  Pop $RadioLater
  ${If} $PrinterPath == "usb"
    ${NSD_Check} $RadioUsb
  ${ElseIf} $PrinterPath == "spooler"
    ${NSD_Check} $RadioSpooler
  ${Else}
    ${NSD_Check} $RadioLater
  ${EndIf}
  nsDialogs::Show
FunctionEnd

Function PrinterPageLeave
  ${NSD_GetState} $RadioUsb $0
  ${NSD_GetState} $RadioSpooler $1
  ${If} $0 == ${BST_CHECKED}
    StrCpy $PrinterPath "usb"
  ${ElseIf} $1 == ${BST_CHECKED}
    StrCpy $PrinterPath "spooler"
  ${Else}
    StrCpy $PrinterPath "later"
  ${EndIf}
FunctionEnd

Function OpenPrinterSetup
  ${If} $PrinterPath == "usb"
    ${If} ${FileExists} "$INSTDIR\drivers\zadig.exe"
      MessageBox MB_ICONINFORMATION "$(ZadigSteps)"
      ExecWait '"$INSTDIR\drivers\zadig.exe"'
    ${Else}
      MessageBox MB_ICONINFORMATION "$(ZadigMissing)"
      ExecShell "open" "https://zadig.akeo.ie"
    ${EndIf}
  ${ElseIf} $PrinterPath == "spooler"
    MessageBox MB_ICONINFORMATION "$(SpoolerSteps)"
    ExecShell "open" "control.exe" "printers"
  ${EndIf}
FunctionEnd

Section "KTP-el Mandiri" SecMain
  SectionIn RO
  Call CheckNotRunning  ; again: it may have been started while the pages were shown
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program folder whole, so no file of the old version is left behind.
  ; The data folder is elsewhere (per user) and is not touched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
!ifdef ZADIG
  SetOutPath "$INSTDIR\drivers"
  File "/oname=zadig.exe" "${ZADIG}"
  SetOutPath "$INSTDIR"
!endif
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Hapus ${APP_NAME}.lnk" "$INSTDIR\uninstall.exe"
  ; The command line: cmd with the program folder first on this window's PATH only, and `ktp-mandiri` typed
  ; there running the console program (the windowed ktp-mandiri.exe would show nothing).
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${CLI_SHORTCUT}.lnk" "$SYSDIR\cmd.exe" \
    '/k cd /d "%USERPROFILE%" & title ${CLI_SHORTCUT} & set "PATH=$INSTDIR;%PATH%" & doskey ktp-mandiri=${CLI_EXE} $$* & ${CLI_EXE} --version' \
    "$INSTDIR\${EXE}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
  !insertmacro MUI_UNGETLANGUAGE
  Call un.CheckNotRunning
FunctionEnd

Section "Uninstall"
  Call un.CheckNotRunning
  SetShellVarContext all
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  ; Only the program folder: the station data in each user's %LOCALAPPDATA% stays (see DataKeptText).
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\drivers"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DetailPrint "$(DataKeptText)"
SectionEnd
