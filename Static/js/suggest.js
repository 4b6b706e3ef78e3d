// Progressive enhancement: name autocomplete (联想) for inputs with data-suggest, filled
// from /api/suggest into their <datalist>. Without JavaScript the form works as it is.
document.querySelectorAll("input[data-suggest]").forEach(function (input) {
  var list = document.getElementById(input.getAttribute("data-suggest"));
  if (!list) return;
  var timer = null, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 1 || q === last) return;
      last = q;
      fetch("/api/suggest?q=" + encodeURIComponent(q) + "&limit=8")
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (body) {
          list.textContent = "";
          (body.suggestions || []).forEach(function (s) {
            var option = document.createElement("option");
            option.value = s.name;
            // Registration and credit status beside the name (已撤销, 列入严重违法失信名单).
            var notes = [];
            if (s.status && s.status !== "正常") notes.push(s.status);
            if (s.certificate_expired) notes.push("证书已过期");
            if (s.credit_status && s.credit_status !== "normal") notes.push(s.credit_status_label);
            if (notes.length) option.label = s.name + "（" + notes.join("，") + "）";
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 120);
  });
});
