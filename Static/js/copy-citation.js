// Progressive enhancement for /ask: a "复制引用" button next to each citation. Without
// JavaScript the citation is still there, selectable, in a read-only text box.
document.querySelectorAll("button.copy[data-target]").forEach(function (button) {
  var box = document.getElementById(button.getAttribute("data-target"));
  if (!box) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    box.select();
    var done = function () { button.textContent = "已复制"; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
});
