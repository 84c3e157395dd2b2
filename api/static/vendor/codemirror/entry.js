// The SPARQL editor component of /query: CodeMirror 6 with the SPARQL mode of
// @codemirror/legacy-modes and the lint gutter, exposed as window.PolicyKGCodeMirror.
import { EditorView, basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { keymap } from "@codemirror/view";
import { StreamLanguage } from "@codemirror/language";
import { sparql } from "@codemirror/legacy-modes/mode/sparql";
import { setDiagnostics, lintGutter } from "@codemirror/lint";

window.PolicyKGCodeMirror = {
  EditorView,
  EditorState,
  basicSetup,
  keymap,
  sparql: () => StreamLanguage.define(sparql),
  setDiagnostics,
  lintGutter,
};
