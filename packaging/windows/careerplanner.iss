; Inno Setup script for Career Planner (Windows).
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=..\..\dist\careerplanner /DOutputDir=..\..\dist ^
;        packaging\windows\careerplanner.iss
;
; SourceDir is the PyInstaller one-folder bundle from build.spec. The installer:
; - installs per user, without admin rights, into %LOCALAPPDATA%\Programs\Career Planner;
; - adds a Start-menu entry (and, if asked, a desktop shortcut) and an uninstaller;
; - upgrades in place: the AppId never changes, so a newer installer replaces the
;   program files of the older one. User data lives elsewhere
;   (%LOCALAPPDATA%\CareerPlanner, see src/careerplanner/paths.py) and is never touched,
;   not even by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\careerplanner"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "Career Planner"
#define AppExe "careerplanner.exe"

[Setup]
; Never change this id: it is what makes a new version upgrade the installed one.
AppId={{6F1C2B7E-4A52-4C1B-9E53-2D7C8A1F0B34}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Career Planner developers
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
; Per-user install: no UAC prompt; {autopf} is %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
UsePreviousAppDir=yes
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=CareerPlanner-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\careerplanner.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle, so files a newer version no longer ships go away.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. Your data in %LOCALAPPDATA%\CareerPlanner stays.
Type: dirifempty; Name: "{app}"
