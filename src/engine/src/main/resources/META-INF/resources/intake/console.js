// The console's scripts: local times, the CSRF header, refusals shown as a message, the row menus, the bulk import
// wizard, and live batches. Everything else is htmx attributes in the pages.
(function () {
  "use strict";

  var csrf = function () {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  };

  // Each <time datetime="…"> in the browser's time zone, keeping the ISO time on hover. In a grid, the date and the
  // time go on a line each, so that narrow date columns do not break them anywhere.
  var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  var dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  var timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (element) {
      var when = new Date(element.getAttribute("datetime"));
      if (isNaN(when)) {
        return;
      }
      element.title = element.getAttribute("datetime");
      if (element.closest(".grid")) {
        element.textContent = dateOnly.format(when);
        var time = document.createElement("span");
        time.className = "clock";
        time.textContent = timeOnly.format(when);
        element.appendChild(time);
      } else {
        element.textContent = format.format(when);
      }
    });
  }

  // What a refusal says: the API's error body (message, then details), or the text of the answer.
  function refusalOf(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.errors && body.errors.length) {
        return { message: body.errors[0].message, details: body.errors[0].details || "" };
      }
    } catch (ignored) { /* not JSON */ }
    if (xhr.status === 0) {
      return { message: "The server could not be reached", details: "Check the connection and try again." };
    }
    var text = (xhr.responseText || "").trim();
    return { message: text && text.length < 300 && text.indexOf("<") < 0 ? text : "The server answered " + xhr.status, details: "" };
  }

  var toastTimer;
  function toast(text) {
    var element = document.getElementById("toast");
    if (!element) { return; }
    element.textContent = text;
    element.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { element.hidden = true; }, 8000);
  }

  // quarkus-oidc answers 499 to a script's request once the session has ended: reload, and sign in again.
  function sessionEnded(xhr) {
    if (xhr.status === 499) {
      window.location.reload();
      return true;
    }
    return false;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf();
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (!sessionEnded(xhr)) {
      var refusal = refusalOf(xhr);
      var inline = document.getElementById("mapping-error");
      if (inline && event.detail.elt && event.detail.elt.id === "mapping") {
        inline.textContent = refusal.message;
        inline.hidden = false;
        return;
      }
      toast(refusal.message + (refusal.details ? ". " + refusal.details : ""));
    }
  });
  // A correction hides the mapping step's last refusal, which no longer says what is wrong.
  document.addEventListener("change", function (event) {
    var inline = document.getElementById("mapping-error");
    if (inline && event.target.closest && event.target.closest("form#mapping")) {
      inline.hidden = true;
    }
  });
  document.addEventListener("htmx:sendError", function () {
    toast("The server could not be reached; the page retries on its own while a batch runs.");
  });
  // A row that polls itself waits while its menu is open, so the menu does not close under the pointer.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.elt === target && target.querySelector && target.querySelector("details.menu[open]")) {
      event.detail.shouldSwap = false;
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    localTimes(event.target.parentNode || document);
  });
  // The wizard goes on to the mapping step by itself when its one file waits there; with several files, each card
  // keeps its own "Map the columns" button.
  document.addEventListener("htmx:afterSettle", function () {
    var wizardRoot = document.getElementById("wizard");
    var cards = wizardRoot ? wizardRoot.querySelectorAll("li.upload") : [];
    var next = cards.length === 1 ? cards[0].querySelector("a.map-columns") : null;
    if (next) { window.location.assign(next.href); }
  });

  // Row menus: one open at a time; Escape or a click elsewhere closes them.
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (menu.matches && menu.matches("details.menu") && menu.open) {
      document.querySelectorAll("details.menu[open]").forEach(function (other) {
        if (other !== menu) { other.open = false; }
      });
    }
  }, true);
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target) || event.target.closest(".item")) { menu.open = false; }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.querySelectorAll("details.menu[open]").forEach(function (menu) {
        menu.open = false;
        menu.querySelector("summary").focus();
      });
    }
  });
  // A control shown disabled, with the role it needs in its tooltip, does nothing when used.
  document.addEventListener("click", function (event) {
    var disabled = event.target.closest && event.target.closest('[aria-disabled="true"]');
    if (disabled) {
      event.preventDefault();
      toast(disabled.getAttribute("title") || "Not available");
    }
  });

  // A Copy button copies the text of the element its data-copy names, such as a secret address.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    var source = button && document.querySelector(button.getAttribute("data-copy"));
    if (!source) { return; }
    var text = source.textContent.trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { toast("Copied " + text); },
        function () { toast("Select the text and copy it: the browser refused the clipboard"); });
    } else {
      var range = document.createRange();
      range.selectNodeContents(source);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      toast("Selected: press Ctrl+C to copy");
    }
  });

  function wizard(root) {
    var search = document.getElementById("template-search");
    var choices = Array.prototype.slice.call(root.querySelectorAll(".template-choice"));
    var picker = document.getElementById("files");
    var drop = document.getElementById("drop");
    var chosenList = document.getElementById("chosen-files");
    var upload = document.getElementById("upload");
    var hint = document.getElementById("upload-hint");
    var dryRun = document.getElementById("dry-run");
    var uploads = document.getElementById("uploads");
    var admin = root.getAttribute("data-admin") === "true";
    var asSet = document.getElementById("as-set");
    var templateNames = choices.map(function (choice) { return choice.querySelector("input").value; });
    var files = [];
    var fileTemplates = [];

    function template() {
      var checked = root.querySelector('input[name="template"]:checked');
      return checked ? checked.value : "";
    }

    function refresh() {
      var name = template();
      document.querySelectorAll("#step-download [data-when]").forEach(function (part) {
        part.hidden = (part.getAttribute("data-when") === "chosen") !== Boolean(name);
      });
      if (name) {
        document.getElementById("download-template").href = "/console/templates/" + name + ".csv";
        document.getElementById("download-sample").href = "/console/templates/" + name + ".csv?sample=true";
        document.getElementById("template-columns").href = "/console/templates#" + name;
        document.querySelectorAll("[data-template-name]").forEach(function (label) { label.textContent = name; });
      }
      choices.forEach(function (choice) { choice.classList.toggle("selected", choice.querySelector("input").checked); });
      chosenList.innerHTML = "";
      files.forEach(function (file, index) {
        var item = document.createElement("li");
        item.textContent = file.name + " · " + size(file.size) + " ";
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "button quiet";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", "Remove " + file.name);
        remove.addEventListener("click", function () {
          files.splice(index, 1);
          fileTemplates.splice(index, 1);
          refresh();
        });
        if (asSet && asSet.checked) {
          var select = document.createElement("select");
          select.className = "file-template";
          select.setAttribute("aria-label", "Template of " + file.name);
          var workbookAlone = files.length === 1 && /\.xls[xm]$/i.test(file.name);
          [workbookAlone ? "" : "auto"].concat(templateNames).forEach(function (value) {
            var option = document.createElement("option");
            option.value = value;
            option.textContent = value === "" ? "its sheets' templates" : value === "auto" ? "auto, from its headers"
              : value;
            select.appendChild(option);
          });
          select.value = fileTemplates[index] || (workbookAlone ? "" : name || "auto");
          fileTemplates[index] = select.value;
          select.addEventListener("change", function () { fileTemplates[index] = select.value; });
          item.appendChild(select);
        }
        item.appendChild(remove);
        chosenList.appendChild(item);
      });
      var set = asSet && asSet.checked;
      if (upload) {
        upload.disabled = (!name && !set) || files.length === 0;
        upload.textContent = set ? "Upload as one set" : files.length > 1 ? "Upload " + files.length + " files"
          : "Upload";
      }
      hint.textContent = !admin ? "" : set ? (files.length === 0 ? "Choose or drop the set's files."
        : "One set of " + files.length + (files.length === 1 ? " file." : " files."))
        : !name ? "Choose a template first." : files.length === 0
        ? "Choose or drop at least one file." : "Each file becomes one batch of " + name + ".";
    }

    function size(bytes) {
      return bytes < 1024 ? bytes + " bytes" : bytes < 1048576 ? (bytes / 1024).toFixed(1) + " KB"
        : (bytes / 1048576).toFixed(1) + " MB";
    }

    function add(list) {
      Array.prototype.forEach.call(list, function (file) { files.push(file); });
      refresh();
    }

    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      choices.forEach(function (choice) {
        var text = choice.getAttribute("data-search").toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        choice.hidden = !match;
        shown += match ? 1 : 0;
      });
      document.getElementById("no-template").hidden = shown > 0;
    });
    root.addEventListener("change", function (event) {
      if (event.target.name === "template") { refresh(); }
    });
    picker.addEventListener("change", function () { add(picker.files); picker.value = ""; });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (event) {
        event.preventDefault();
        if (admin) { drop.classList.add("over"); }
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (admin && event.dataTransfer && event.dataTransfer.files.length) { add(event.dataTransfer.files); }
    });

    function send(file, name, check) {
      var placeholder = document.getElementById("upload-placeholder").content.firstElementChild.cloneNode(true);
      placeholder.querySelector(".upload-name").textContent = file.name;
      var none = document.getElementById("no-uploads");
      if (none) { none.remove(); }
      uploads.insertBefore(placeholder, uploads.firstChild);
      var form = new FormData();
      form.append("template", name);
      form.append("dryRun", check ? "true" : "false");
      form.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/console/imports");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.setRequestHeader("HX-Request", "true");
      xhr.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          var percent = Math.round(event.loaded * 100 / event.total);
          placeholder.querySelector(".progress span").style.width = percent + "%";
          placeholder.querySelector(".progress").setAttribute("aria-valuenow", String(percent));
          placeholder.querySelector(".upload-note").textContent = "Sending the file… " + percent + "%";
        }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status === 202) {
          var holder = document.createElement("ul");
          holder.innerHTML = xhr.responseText;
          var card = holder.firstElementChild;
          placeholder.replaceWith(card);
          htmx.process(card);
          localTimes(card);
        } else if (!sessionEnded(xhr)) {
          refused(placeholder, file.name, refusalOf(xhr));
        }
      });
      xhr.addEventListener("error", function () { refused(placeholder, file.name, refusalOf(xhr)); });
      xhr.send(form);
    }

    function refused(placeholder, filename, refusal) {
      var card = document.getElementById("upload-refused").content.firstElementChild.cloneNode(true);
      card.querySelector(".upload-name").textContent = filename;
      card.querySelector(".refusal").textContent = refusal.message;
      card.querySelector(".refusal-details").textContent = refusal.details;
      placeholder.replaceWith(card);
    }

    // A set goes in one request; the Imports page then shows it as one row that opens into its batches.
    function sendSet(check) {
      var form = new FormData();
      var chosen = files.splice(0);
      var templates = fileTemplates.splice(0);
      chosen.forEach(function (file, index) {
        form.append("file", file, file.name);
        if (templates[index]) { form.append("template", templates[index]); }
      });
      form.append("dryRun", check ? "true" : "false");
      var placeholder = document.getElementById("upload-placeholder").content.firstElementChild.cloneNode(true);
      var label = chosen.map(function (file) { return file.name; }).join(", ");
      placeholder.querySelector(".upload-name").textContent = label;
      var none = document.getElementById("no-uploads");
      if (none) { none.remove(); }
      uploads.insertBefore(placeholder, uploads.firstChild);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/console/imports/sets");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      xhr.setRequestHeader("HX-Request", "true");
      xhr.addEventListener("load", function () {
        if (xhr.status === 202) {
          window.location.href = xhr.responseText;
        } else if (!sessionEnded(xhr)) {
          refused(placeholder, label, refusalOf(xhr));
        }
      });
      xhr.addEventListener("error", function () { refused(placeholder, label, refusalOf(xhr)); });
      xhr.send(form);
    }

    if (asSet) {
      asSet.addEventListener("change", refresh);
    }
    if (upload) {
      upload.addEventListener("click", function () {
        var name = template();
        var check = dryRun.checked;
        if (asSet && asSet.checked) {
          sendSet(check);
        } else {
          files.splice(0).forEach(function (file) { send(file, name, check); });
          fileTemplates.splice(0);
        }
        refresh();
      });
    }
    refresh();
  }

  // The mapping step: what is still missing, said as the person chooses; the values and lookup policy under a
  // column count only while it fills the field they are for.
  function mappingStep(form) {
    var summary = document.getElementById("mapping-summary");
    var required = (form.getAttribute("data-required") || "").split("|").filter(Boolean).map(function (pair) {
      var at = pair.indexOf("=");
      return { reference: pair.substring(0, at), label: pair.substring(at + 1) };
    });
    var choosers = Array.prototype.slice.call(form.querySelectorAll("select[name^='field-']"));

    function update() {
      var chosen = {};
      var twice = [];
      choosers.forEach(function (select) {
        var value = select.value;
        if (!value) { return; }
        if (chosen[value]) { twice.push(value); }
        chosen[value] = true;
        var block = form.querySelector(".for-field[data-column='" + select.name.substring(6) + "']");
        if (block) {
          var applies = block.getAttribute("data-for-field") === value;
          block.hidden = !applies;
          block.querySelectorAll("select, input").forEach(function (input) {
            if (!select.disabled) { input.disabled = !applies; }
          });
        }
      });
      choosers.forEach(function (select) {
        var block = form.querySelector(".for-field[data-column='" + select.name.substring(6) + "']");
        if (block && !select.value) {
          block.hidden = true;
          block.querySelectorAll("select, input").forEach(function (input) { input.disabled = true; });
        }
      });
      var missing = required.filter(function (field) { return !chosen[field.reference]; });
      var problems = [];
      if (missing.length) {
        problems.push("Still missing: " + missing.map(function (field) { return field.label; }).join(", ") + ".");
      }
      if (twice.length) {
        problems.push("More than one column fills " + twice.join(", ") + ".");
      }
      if (summary) {
        summary.textContent = problems.length ? problems.join(" ") : "Every required field has a column.";
        summary.className = problems.length ? "summary missing" : "summary complete";
      }
    }
    form.addEventListener("change", update);
    update();
  }

  // Live batches: the server pushes the ID of each of the organisation's batches that changes, and the row, card or
  // summary of that batch fetches itself again. While the stream is open the pages do not poll; when it closes
  // (a proxy that cuts streams, a server restart) they poll every 2 s until the browser reconnects it.
  function liveBatches() {
    if (!window.EventSource || !document.querySelector("[data-batch]")) { return; }
    var stream = new EventSource("/console/events");
    stream.onopen = function () { window.intakeStreamOpen = true; };
    stream.onerror = function () { window.intakeStreamOpen = false; };
    stream.onmessage = function (event) {
      document.querySelectorAll("[data-batch]").forEach(function (element) {
        if (element.getAttribute("data-batch") === event.data && window.htmx) {
          window.htmx.trigger(element, "intake:changed");
        }
      });
    };
    window.addEventListener("pagehide", function () { stream.close(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    liveBatches();
    var root = document.getElementById("wizard");
    if (root) { wizard(root); }
    var mapping = document.getElementById("mapping");
    if (mapping && document.getElementById("mapping-summary")) { mappingStep(mapping); }
    // a set just uploaded opens into its batches
    if (window.location.hash.indexOf("#set-") === 0) {
      var set = document.getElementById(window.location.hash.substring(1));
      if (set) { set.open = true; }
    }
  });
})();
