; Included by electron-builder's NSIS script (nsis.include in electron-builder.yml).
; Silent install with enrollment:  "NoPOS-Terminal-Setup-<version>-x64.exe" /S /ENROLLMENTCODE=ABCD-EFGH-JKMN
; The code is handed to the installed terminal, which validates it and writes it into the machine
; policy file (%ProgramData%\NoPOS Terminal\policy.json); it is never written to the install log.
!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/ENROLLMENTCODE=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    ExecWait '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --set-enrollment-code=$R1' $R2
    ${If} $R2 != 0
      ; Exit code 2: the code was refused (see docs/deploying.md). The install itself stays.
      SetErrorLevel 3
      DetailPrint "NoPOS Terminal: the enrollment code was not accepted (exit $R2)."
    ${EndIf}
  ${EndIf}
!macroend

; Uninstall is refused while a user's terminal still has items waiting to reach NoPOS, as said by the
; marker each terminal keeps beside its data (%APPDATA%\NoPOS Terminal\unsynced-status.ini, counts and
; times only; electron/main/deploy/unsynced-marker.ts). Every user profile on the machine is checked.
; /FORCE removes it anyway, after an admin exported the items (Settings -> Export unsynced items).
; An update or reinstall runs the old uninstaller with --updated: never refused, the data stays.
; Silent refusal exits with code 4. Only checked by reading here: NSIS does not run on this machine.
!macro customUnInit
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "--updated" $R1
  ${If} ${Errors}
    ReadRegStr $R4 HKLM "SOFTWARE\Microsoft\Windows NT\CurrentVersion\ProfileList" "ProfilesDirectory"
    ExpandEnvStrings $R4 $R4
    ${If} $R4 == ""
      StrCpy $R4 "$PROFILE\.."
    ${EndIf}
    StrCpy $R2 0
    StrCpy $R3 ""
    FindFirst $R5 $R6 "$R4\*"
    ${DoWhile} $R6 != ""
      ${If} $R6 != "."
      ${AndIf} $R6 != ".."
        StrCpy $R7 "$R4\$R6\AppData\Roaming\NoPOS Terminal\unsynced-status.ini"
        ${If} ${FileExists} $R7
          ReadINIStr $R8 $R7 "nopos" "unsynced"
          IntOp $R8 $R8 + 0
          ${If} $R8 > 0
            IntOp $R2 $R2 + $R8
            StrCpy $R3 "$R3$\r$\n  $R6: $R8 waiting"
          ${EndIf}
        ${EndIf}
      ${EndIf}
      FindNext $R5 $R6
    ${Loop}
    FindClose $R5
    ${If} $R2 > 0
      ClearErrors
      ${GetOptions} $R0 "/FORCE" $R1
      ${If} ${Errors}
        ${IfNot} ${Silent}
          MessageBox MB_OK|MB_ICONSTOP "NoPOS Terminal is NOT removed: $R2 items still wait to reach NoPOS.$R3$\r$\n$\r$\nLet the terminal sync (online, Sync now), or have an admin export them first: Settings -> Export unsynced items.$\r$\nThen remove it anyway with: $\"Uninstall NoPOS Terminal.exe$\" /FORCE"
        ${EndIf}
        SetErrorLevel 4
        Quit
      ${EndIf}
    ${EndIf}
  ${EndIf}
!macroend
