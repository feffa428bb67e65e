; Inno Setup script: a Windows installer for the one-folder build in dist\dondoc.
;   1. uv run pyinstaller installer.spec --noconfirm
;   2. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\dondoc.iss
; Installs per user (no administrator rights needed on office PCs), adds Start-menu
; and optional desktop shortcuts. The database stays in %APPDATA%\dondoc, so updating
; or uninstalling the program never touches the data.

#define AppName "Đôn Đốc"
#define AppVersion "0.1.0"
#define AppExe "dondoc.exe"

[Setup]
AppId={{6B1F4C6E-9C0B-4C7E-9A3D-2E1D0D0C0D0C}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Đôn Đốc
DefaultDirName={autopf}\DonDoc
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=DonDoc-{#AppVersion}-setup
SetupIconFile=..\resources\icons\dondoc.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\dist\dondoc\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
