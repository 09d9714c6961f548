; NSIS hooks of the Windows installer (tauri.conf.json: bundle.windows.nsis.installerHooks).
;
; The uninstaller's "Delete the application data" checkbox removes
; %LOCALAPPDATA%\<identifier>: the shop's whole chat history, its customers, bookings
; and settings, with one click on a page most people click through. Ticked, it is asked
; once more, in words that say what goes, with "No" (keep the data) as the default
; button; a silent uninstall (/S) keeps the data. An update (/UPDATE) never deletes it.
; This file must stay UTF-8 with a byte order mark: NSIS reads an include without one
; in the system's ANSI code page, which would garble the Japanese text.

!macro NSIS_HOOK_PREUNINSTALL
  ${If} $DeleteAppDataCheckboxState = 1
  ${AndIf} $UpdateMode <> 1
    ${If} $LANGUAGE = 1041
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "アプリのデータを削除すると、お客様とのトーク履歴・お客様情報・予約・設定がすべてこの PC から消え、元に戻せません。$\r$\n$\r$\nバックアップを別の場所に保存していない場合は「いいえ」を選んでください（アプリだけを削除し、データは残します）。$\r$\n$\r$\n本当にデータも削除しますか？" /SD IDNO IDYES madoguchi_delete_confirmed
    ${Else}
      MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Deleting the application data removes every chat with your customers, their details, bookings and settings from this PC for good.$\r$\n$\r$\nUnless you keep a backup somewhere else, choose No: the app is removed and the data stays.$\r$\n$\r$\nDelete the data as well?" /SD IDNO IDYES madoguchi_delete_confirmed
    ${EndIf}
    StrCpy $DeleteAppDataCheckboxState 0
    DetailPrint "Madoguchi: the application data is kept."
    madoguchi_delete_confirmed:
  ${EndIf}
!macroend
