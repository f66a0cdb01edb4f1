/** The editor page's stylesheet (inlined; no font or asset is loaded from anywhere). */
export const CSS = `
*{box-sizing:border-box}
input,select,textarea,button{font-family:inherit}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","Noto Sans Hans",sans-serif;color:#1d2733;background:#f4f6f8}
header{display:flex;gap:12px;align-items:center;padding:8px 14px;background:#1f3a5f;color:#fff;position:sticky;top:0;z-index:2}
header h1{font-size:16px;margin:0}
header .dir{opacity:.8;font-family:ui-monospace,monospace,"Noto Sans Hans";font-size:12px}
header .search{flex:1;max-width:340px;padding:5px 8px;border-radius:4px;border:0}
.status{padding:3px 8px;border-radius:10px;font-weight:600;font-size:12px}
.status.status-ok{background:#2e7d32}.status.status-bad{background:#c62828}
button{font:inherit;cursor:pointer}
.save{background:#ffb300;border:0;border-radius:4px;padding:5px 12px;font-weight:600}
.save:disabled{background:#9aa5b1;cursor:not-allowed}
.langs button{background:transparent;color:#fff;border:1px solid #fff6;padding:3px 8px}
.stop{background:transparent;color:#fff;border:1px solid #fff6;border-radius:4px;padding:3px 8px}
.langs button.on{background:#fff;color:#1f3a5f}
.banner{padding:8px 14px;display:flex;gap:10px;align-items:center}
.banner.warn{background:#fff3cd}.banner.ok{background:#e3f4e4}.banner.error{background:#fde2e1}
.banner .x{margin-left:auto;border:0;background:none;font-size:16px}
main{display:grid;grid-template-columns:300px minmax(420px,1fr) 430px;gap:0;height:calc(100vh - 44px)}
nav{overflow:auto;border-right:1px solid #d5dbe1;background:#fff;padding:6px}
nav h2{font-size:13px;margin:10px 4px 4px;color:#1f3a5f}
nav h2 small{font-weight:normal;color:#667}
.rule{display:block;width:100%;text-align:left;border:0;background:none;padding:5px 6px;border-radius:4px}
.rule:hover{background:#eef3f8}.rule.on{background:#dce8f5}
.rule b{margin-right:6px}.rule .name{color:#333}
.rule .sum{display:block;color:#667;font-size:12px;font-family:ui-monospace,monospace,"Noto Sans Hans";white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.rule .dot{color:#ef6c00;margin-right:4px}
.rule .count{background:#c62828;color:#fff;border-radius:8px;padding:0 6px;font-size:11px;margin-right:4px}
.center{overflow:auto;padding:12px 18px}
.hint{color:#556;max-width:560px;margin-top:30px}
.rule-editor h2{margin:0 0 4px;font-size:18px}
.desc{margin:4px 0;color:#333}.src{margin:4px 0;color:#556;font-size:12px}
.assumption{background:#fff8e1;padding:6px 8px;border-radius:4px;font-size:12px}
fieldset{border:1px solid #d5dbe1;border-radius:6px;margin:8px 0;padding:6px 10px;background:#fff}
legend{font-weight:600;padding:0 4px}
.form-group{margin:6px 0}
.control-label{display:block;font-weight:600;font-size:12px;color:#334}
.field-description,.help-block{font-size:12px;color:#667;margin:2px 0}
input.form-control,select.form-control,textarea.form-control{width:100%;max-width:420px;padding:4px 6px;border:1px solid #b8c2cc;border-radius:4px;font:inherit}
textarea.form-control{max-width:none}
.has-error input,.has-error textarea{border-color:#c62828;background:#fff5f5}
.error-detail,.field-error{list-style:none;margin:2px 0;padding:0;color:#c62828;font-size:12px}
textarea.json{width:100%;font:12px/1.4 ui-monospace,monospace,"Noto Sans Hans";border:1px solid #b8c2cc;border-radius:4px;padding:6px}
.conditions-field{border:1px solid #d5dbe1;border-radius:6px;padding:6px 8px;margin:8px 0}
.cond-group{border-left:3px solid #7a9cc6;padding:4px 0 4px 8px;margin:4px 0}
.cond-group.cond-any{border-left-color:#c6a07a}.cond-group.cond-not{border-left-color:#c67a7a}
.cond-head,.cond-row{display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.cond-leaf{margin:3px 0;padding:2px 0}.cond-leaf.has-error .cond-row{background:#fdecea;border-radius:4px}
.cond-fact{max-width:340px}.cond-value{min-width:90px}input.cond-value[type=number]{width:110px}
.cond-many label{margin-right:8px;font-size:12px}
.cond-tools{margin-left:auto;display:inline-flex;gap:2px}
.cond-btn{font-size:12px;padding:1px 6px}.cond-add{display:flex;gap:6px;margin-top:4px}
.cond-unit,.cond-range{font-size:12px}
.breakeven{font-size:12px;margin:2px 0 4px}
.table-field .trow{display:flex;gap:6px;align-items:flex-start}
.table-field .thead{font-weight:600;font-size:12px;color:#334;border-bottom:1px solid #d5dbe1;margin-bottom:4px}
.table-field .tcell{flex:1;min-width:70px}.table-field .tcell.tools{flex:0 0 120px}
.table-field .form-group{margin:0}
.table-field fieldset{border:0;padding:0;margin:0;background:none}
.table-field legend{display:none}
.table-field .rjsf-array-item{gap:6px;margin:2px 0}
.table-field .rjsf-array-item>div:first-child{flex:1;max-width:none}
.table-field .array-item-toolbox{flex:0 0 120px;max-width:none}
.array-item{display:flex;gap:6px;align-items:flex-start}
.array-item>div:first-child{flex:1}
.array-item-toolbox{flex:0 0 auto}
.btn-group{display:flex;gap:2px}
.btn{border:1px solid #b8c2cc;background:#fff;border-radius:3px;min-width:26px;height:26px;padding:0 4px}
.btn:disabled{opacity:.35}
.glyphicon-arrow-up::before{content:"↑"}.glyphicon-arrow-down::before{content:"↓"}.glyphicon-remove::before{content:"✕"}.glyphicon-plus::before{content:"+"}.glyphicon-copy::before{content:"⧉"}
.btn-add::after{content:" add"}
[lang=zh-CN] .btn-add::after{content:" 添加"}
.add-row{margin-top:4px}
aside{overflow:auto;border-left:1px solid #d5dbe1;background:#fff;padding:0 12px 20px}
.tabs{display:flex;gap:4px;position:sticky;top:0;background:#fff;padding:8px 0}
.tabs button{border:1px solid #b8c2cc;background:#fff;border-radius:4px;padding:3px 10px}
.tabs button.on{background:#1f3a5f;color:#fff}
aside h3{font-size:14px;margin:14px 0 4px;color:#1f3a5f}
ul.problems,ul.diff{padding-left:16px;margin:4px 0}
ul.problems li{margin:3px 0}
ul.problems li.error{color:#b71c1c}ul.problems li.warning{color:#8a5a00}
code{font:12px ui-monospace,monospace,"Noto Sans Hans";background:#f1f3f5;padding:0 3px;border-radius:3px;color:#1d2733}
.ok{color:#2e7d32}.bad{color:#c62828}.muted{color:#778}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border-bottom:1px solid #e3e7eb;padding:3px 4px;text-align:left;vertical-align:top}
table.impact td:not(:first-child),table.impact th:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}
tr.sig td{font-weight:600}
.tag{background:#c62828;color:#fff;border-radius:3px;padding:0 4px;margin-left:4px;font-size:11px}
.elig{background:#fde2e1;color:#b71c1c;padding:3px 6px;border-radius:4px;font-weight:600}
.scenario h4{margin:10px 0 2px}
.link{border:0;background:none;color:#1565c0;text-decoration:underline;padding:0 2px}
.fatal,.loading{padding:30px;font-size:16px}
`;
