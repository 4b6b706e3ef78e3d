// Progressive enhancement for policy pages: a 复制引用 button under every article (第X条)
// or numbered section. The citation names the document with its version (2016修订), the
// article, its words and the page's address with the article's anchor:
//   依据《社会团体登记管理条例》（2016修订）第十条：“……”（https://…/policies/…#a10）
// Without JavaScript nothing is added: each article keeps its own link (#第十条).
(function () {
  var article = document.querySelector("article.policy[data-cite-title]");
  if (!article) return;
  var title = article.getAttribute("data-cite-title");
  function copy(text, done) {
    var fallback = function () {
      var box = document.createElement("textarea");
      box.value = text;
      box.setAttribute("readonly", "");
      box.style.position = "fixed";
      box.style.left = "-9999px";
      document.body.appendChild(box);
      box.select();
      try { document.execCommand("copy"); } catch (e) { /* the text is still shown */ }
      document.body.removeChild(box);
      done();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  }
  article.querySelectorAll("section.unit").forEach(function (unit) {
    var line = unit.querySelector(".unit-link");
    if (!line) return;
    var label = unit.getAttribute("aria-label") || "";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy cite";
    button.textContent = "复制引用";
    button.setAttribute("aria-label", "复制" + label + "的引用");
    var status = document.createElement("span");
    status.className = "copied";
    status.setAttribute("role", "status");
    line.appendChild(document.createTextNode(" "));
    line.appendChild(button);
    line.appendChild(status);
    button.addEventListener("click", function () {
      var text = Array.prototype.map.call(unit.querySelectorAll("p:not(.unit-link)"), function (p) {
        return p.textContent.trim();
      }).join("");
      if (label && text.indexOf(label) === 0) text = text.slice(label.length).trim();
      var url = location.origin + location.pathname + "#" + unit.id;
      var citation = "依据" + title + label + "：“" + text + "”（" + url + "）";
      button.setAttribute("data-citation", citation);
      copy(citation, function () { status.textContent = "已复制：" + citation; });
    });
  });
})();
