/**
 * The extension's CSS ships inside its JavaScript, fetched at every start of JupyterLab: its
 * comments (they say why, for whoever reads style/) and indentation are left out of it.
 */
module.exports = function stripComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*\n\s*/g, '\n');
};
