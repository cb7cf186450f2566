; Included by electron-builder's NSIS script (nsis.include in electron-builder.yml).
; Silent install with enrollment:  "NoPOS-Terminal-Setup-<version>-x64.exe" /S /ENROLLMENTCODE=ABCD-EFGH-JKLM
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
