/* qa correction report: selection, accept/reject, corrected text, word diff, copy, download, sorting.
   Article text is untrusted: it only ever reaches the page through textContent / text nodes.
   The pure part (corrections, word diff) also runs under Node for the tests (module.exports). */
(() => {
  "use strict";

  /* Corrections: accepted edits in text order; of overlapping edits the earlier-starting one wins. */
  function correct(text, edits, isAccepted) {
    const chosen = edits
      .map((edit, order) => ({ edit, order }))
      .filter(({ edit }) => isAccepted(edit))
      .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order);
    const pieces = [];
    const applied = new Set();
    const skipped = new Set();
    let position = 0;
    for (const { edit } of chosen) {
      if (edit.start < position) {
        skipped.add(edit.id);
        continue;
      }
      if (edit.start > position) pieces.push({ text: text.slice(position, edit.start) });
      pieces.push({ text: edit.suggestion, edit });
      applied.add(edit.id);
      position = edit.end;
    }
    if (position < text.length) pieces.push({ text: text.slice(position) });
    return { pieces, applied, skipped, text: pieces.map((p) => p.text).join("") };
  }

  /* Word diff: LCS over word / space / punctuation tokens, after trimming the common ends. */
  const TOKEN = /\s+|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu;
  const WORD = /[\p{L}\p{M}\p{N}]/u;
  const MAX_CELLS = 4e6;

  function wordDiff(original, result) {
    const a = original.match(TOKEN) || [];
    const b = result.text.match(TOKEN) || [];
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let endA = a.length;
    let endB = b.length;
    while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    const n = endA - head;
    const m = endB - head;
    if (n * m > MAX_CELLS) return editOps(original, result); // too long for a table: the edits themselves
    const ops = [["=", a.slice(0, head).join("")]];
    const width = m + 1;
    const table = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i * width + j] =
          a[head + i] === b[head + j]
            ? table[(i + 1) * width + j + 1] + 1
            : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[head + i] === b[head + j]) {
        ops.push(["=", a[head + i]]);
        i++;
        j++;
      } else if (table[(i + 1) * width + j] >= table[i * width + j + 1]) {
        ops.push(["-", a[head + i++]]);
      } else {
        ops.push(["+", b[head + j++]]);
      }
    }
    while (i < n) ops.push(["-", a[head + i++]]);
    while (j < m) ops.push(["+", b[head + j++]]);
    ops.push(["=", a.slice(endA).join("")]);
    return tidy(ops);
  }

  function editOps(original, result) {
    const ops = [];
    for (const piece of result.pieces) {
      if (!piece.edit) ops.push(["=", piece.text]);
      else ops.push(["-", original.slice(piece.edit.start, piece.edit.end)], ["+", piece.text]);
    }
    return tidy(ops);
  }

  /* Merge runs of changes (and the single spaces between them) into one deletion + one insertion. */
  function tidy(ops) {
    const out = [];
    let removed = "";
    let added = "";
    const flush = () => {
      if (removed) out.push(["-", removed]);
      if (added) out.push(["+", added]);
      removed = added = "";
    };
    ops.forEach(([type, text], k) => {
      if (!text) return;
      if (type === "-") removed += text;
      else if (type === "+") added += text;
      else if ((removed || added) && /^\s+$/.test(text) && k + 1 < ops.length && ops[k + 1][0] !== "=") {
        removed += text;
        added += text;
      } else {
        flush();
        const last = out[out.length - 1];
        if (last && last[0] === "=") last[1] += text;
        else out.push(["=", text]);
      }
    });
    flush();
    return out;
  }

  function countWords(text) {
    return (text.match(TOKEN) || []).filter((t) => WORD.test(t)).length;
  }

  if (typeof document === "undefined") {
    if (typeof module !== "undefined") module.exports = { correct, wordDiff };
    return;
  }

  const source = document.getElementById("qa-data");
  const data = source ? JSON.parse(source.textContent) : { files: [] };
  const narrow = window.matchMedia("(max-width: 1040px)");
  const smooth = () => (window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");
  const files = new Map();

  for (const f of data.files) {
    const section = document.getElementById(f.id);
    if (!section) continue;
    const accepted = new Map(f.edits.map((e) => [e.id, Boolean(e.accepted)]));
    files.set(f.id, { ...f, section, accepted, result: null });
  }

  const fileOf = (fid) => {
    const match = /^f(\d+)-\d+$/.exec(fid || "");
    return match ? files.get("file-" + match[1]) : undefined;
  };
  const byFid = (fid, selector) => document.querySelectorAll(selector + '[data-fid="' + fid + '"]');
  const marksOf = (fid) => document.querySelectorAll('mark.hl[data-ids~="' + fid + '"]');
  const corrected = (file) => correct(file.text, file.edits, (edit) => file.accepted.get(edit.id));

  function renderCorrected(file) {
    const box = file.section.querySelector('[data-role="corrected"]');
    const fragment = document.createDocumentFragment();
    for (const piece of file.result.pieces) {
      if (!piece.edit) {
        fragment.appendChild(document.createTextNode(piece.text));
        continue;
      }
      const span = document.createElement("span");
      span.className = piece.text ? "applied" : "applied deleted";
      span.textContent = piece.text;
      span.title = "Was: " + file.text.slice(piece.edit.start, piece.edit.end);
      fragment.appendChild(span);
    }
    box.replaceChildren(fragment);
  }

  function renderDiff(file) {
    const box = file.section.querySelector('[data-role="diff"]');
    const stat = file.section.querySelector('[data-role="diffstat"]');
    const fragment = document.createDocumentFragment();
    let plus = 0;
    let minus = 0;
    for (const [type, text] of wordDiff(file.text, file.result)) {
      if (type === "=") {
        fragment.appendChild(document.createTextNode(text));
        continue;
      }
      const element = document.createElement(type === "-" ? "del" : "ins");
      element.textContent = text;
      fragment.appendChild(element);
      if (type === "-") minus += countWords(text) || 1;
      else plus += countWords(text) || 1;
    }
    box.replaceChildren(fragment);
    stat.replaceChildren();
    if (!plus && !minus) {
      stat.textContent = "No changes accepted.";
      return;
    }
    const add = document.createElement("span");
    add.className = "diffstat-add";
    add.textContent = "+" + plus;
    const del = document.createElement("span");
    del.className = "diffstat-del";
    del.textContent = "\u2212" + minus;
    stat.append(add, " ", del, " words");
  }

  function visiblePane(file) {
    const tab = file.section.querySelector('[role="tab"][aria-selected="true"]');
    return tab ? tab.id.split("-tab-")[1] : "annotated";
  }

  function update(file) {
    file.result = corrected(file);
    for (const edit of file.edits) {
      const on = file.accepted.get(edit.id);
      byFid(edit.id, '[data-action="accept"]').forEach((b) => b.setAttribute("aria-pressed", String(on)));
      byFid(edit.id, '[data-action="reject"]').forEach((b) => b.setAttribute("aria-pressed", String(!on)));
      byFid(edit.id, "li.finding").forEach((li) => {
        li.classList.toggle("is-accepted", on);
        const note = li.querySelector(".skipped-note");
        if (note) note.hidden = !file.result.skipped.has(edit.id);
      });
    }
    const count = file.section.querySelector("[data-accepted-count]");
    if (count) count.textContent = String([...file.accepted.values()].filter(Boolean).length);
    const pane = visiblePane(file);
    if (pane === "corrected") renderCorrected(file);
    if (pane === "diff") renderDiff(file);
  }

  function setAccepted(fid, value) {
    const file = fileOf(fid);
    if (!file || !file.accepted.has(fid)) return;
    file.accepted.set(fid, value);
    update(file);
  }

  /* Tabs */
  function activateTab(section, name, focus) {
    let chosen = null;
    section.querySelectorAll('[role="tab"]').forEach((tab) => {
      const on = tab.id.endsWith("-tab-" + name);
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
      if (on) chosen = tab;
    });
    if (focus && chosen) chosen.focus();
    const file = files.get(section.dataset.file);
    if (!file) return;
    if (!file.result) file.result = corrected(file);
    if (name === "corrected") renderCorrected(file);
    if (name === "diff") renderDiff(file);
  }

  /* Selecting findings: highlight the spans and the list items; on narrow screens show a sheet. */
  function select(ids, options = {}) {
    document.querySelectorAll(".is-active").forEach((el) => el.classList.remove("is-active"));
    const peek = document.getElementById("peek");
    if (!ids || !ids.length) {
      if (peek) peek.hidden = true;
      return;
    }
    const first = ids[0];
    const section = document.getElementById("item-" + first)?.closest("section.article");
    if (options.scrollText && section) activateTab(section, "annotated");
    const items = [];
    for (const fid of ids) {
      marksOf(fid).forEach((mark) => mark.classList.add("is-active"));
      const item = document.getElementById("item-" + fid);
      if (item) {
        item.classList.add("is-active");
        items.push(item);
      }
    }
    const marks = marksOf(first);
    if (options.scrollText && marks.length) {
      marks[0].scrollIntoView({ block: "center", behavior: smooth() });
      marks[0].focus({ preventScroll: true });
    }
    if (items.length && options.scrollList !== false) revealInSidebar(items[0]);
    if (peek) {
      const body = peek.querySelector('[data-role="peek-body"]');
      if (narrow.matches && options.peek !== false && items.length) {
        body.replaceChildren(
          ...items.map((item) => {
            const copy = item.cloneNode(true);
            copy.removeAttribute("id");
            copy.classList.remove("is-active");
            return copy;
          }),
        );
        peek.hidden = false;
      } else {
        peek.hidden = true;
      }
    }
  }

  function revealInSidebar(item) {
    const sidebar = item.closest(".sidebar");
    if (!sidebar || getComputedStyle(sidebar).position !== "sticky") return;
    const box = sidebar.getBoundingClientRect();
    const rect = item.getBoundingClientRect();
    if (rect.top >= box.top && rect.bottom <= box.bottom) return;
    sidebar.scrollTo({ top: sidebar.scrollTop + rect.top - box.top - box.height / 3, behavior: smooth() });
  }

  const idsOf = (mark) => (mark.dataset.ids || "").split(" ").filter(Boolean);

  /* Sorting tables by a header button */
  function sortTable(button) {
    const th = button.closest("th");
    const table = th.closest("table");
    const body = table.tBodies[0];
    const column = Array.prototype.indexOf.call(th.parentNode.children, th);
    const numeric = button.dataset.type === "num";
    const current = th.getAttribute("aria-sort");
    const direction =
      current === "ascending" ? "descending" : current === "descending" ? "ascending" : numeric ? "descending" : "ascending";
    table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
    th.setAttribute("aria-sort", direction);
    const rows = Array.from(body.rows).map((row, index) => {
      const cell = row.children[Math.min(column, row.children.length - 1)];
      const raw = cell.dataset.sort ?? cell.textContent.trim();
      return { row, index, value: numeric ? parseFloat(raw) || 0 : raw.toLocaleLowerCase() };
    });
    const sign = direction === "ascending" ? 1 : -1;
    rows.sort((x, y) => {
      const order = numeric ? x.value - y.value : x.value.localeCompare(y.value);
      return order * sign || x.index - y.index;
    });
    body.append(...rows.map((r) => r.row));
  }

  /* Copy and download */
  function say(section, message) {
    const status = section.querySelector(".status");
    if (!status) return;
    status.textContent = message;
    clearTimeout(status.timer);
    status.timer = setTimeout(() => {
      status.textContent = "";
    }, 2500);
  }

  async function copy(file) {
    const text = corrected(file).text;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      if (!ok) {
        say(file.section, "Copy failed");
        return;
      }
    }
    say(file.section, "Copied");
  }

  function download(file) {
    const blob = new Blob([corrected(file).text], { type: "text/plain;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = file.name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 2000);
    say(file.section, "Downloaded " + file.name);
  }

  /* Events */
  document.addEventListener("click", (event) => {
    const target = event.target.closest("button, a[data-goto], mark.hl, li.finding");
    if (!target) return;
    const action = target.dataset.action;
    const section = target.closest("section.article");
    const file = section ? files.get(section.dataset.file) : undefined;
    if (action === "accept" || action === "reject") {
      setAccepted(target.dataset.fid, action === "accept");
    } else if (action === "accept-all" || action === "reject-all" || action === "reset") {
      if (!file) return;
      for (const edit of file.edits) {
        file.accepted.set(edit.id, action === "reset" ? Boolean(edit.accepted) : action === "accept-all");
      }
      update(file);
    } else if (action === "copy" && file) {
      copy(file);
    } else if (action === "download" && file) {
      download(file);
    } else if (action === "close-peek") {
      select(null);
    } else if (target.matches('[role="tab"]') && section) {
      activateTab(section, target.id.split("-tab-")[1]);
    } else if (target.matches("button.sort")) {
      sortTable(target);
    } else if (target.matches("a[data-goto]")) {
      event.preventDefault();
      const fid = target.dataset.goto;
      select([fid], { scrollText: true, scrollList: false, peek: false });
      history.replaceState(null, "", "#" + fid);
    } else if (target.matches("mark.hl")) {
      select(idsOf(target));
    } else if (target.matches("li.finding") && target.id && !window.getSelection().toString()) {
      select([target.dataset.fid], { scrollText: false, scrollList: false, peek: false });
    }
  });

  document.addEventListener("focusin", (event) => {
    const mark = event.target.closest ? event.target.closest("mark.hl") : null;
    if (mark) select(idsOf(mark), { peek: false });
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (target.matches && target.matches('[role="tab"]') && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      const tabs = Array.from(target.parentNode.querySelectorAll('[role="tab"]'));
      const next = tabs[(tabs.indexOf(target) + (event.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
      activateTab(target.closest("section.article"), next.id.split("-tab-")[1], true);
      event.preventDefault();
      return;
    }
    if (target.matches && target.matches("mark.hl") && (event.key === "Enter" || event.key === " ")) {
      select(idsOf(target));
      event.preventDefault();
      return;
    }
    if (event.key === "Escape") {
      select(null);
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName || "")) return;
    if (event.key === "j" || event.key === "k") {
      const marks = Array.from(document.querySelectorAll('mark.hl[tabindex="0"]')).filter((m) => m.offsetParent);
      if (!marks.length) return;
      const index = marks.indexOf(document.activeElement);
      const step = event.key === "j" ? 1 : -1;
      const next = marks[index < 0 ? (step > 0 ? 0 : marks.length - 1) : (index + step + marks.length) % marks.length];
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "center", behavior: smooth() });
      select(idsOf(next), { peek: true });
    }
  });

  for (const file of files.values()) update(file);
  const hash = decodeURIComponent(location.hash.slice(1));
  if (/^f\d+-\d+$/.test(hash)) select([hash], { scrollText: true, scrollList: true, peek: false });
})();
