import './base.css';
import './share.css';
import './envfiles.css';
import './environments.css';
import './build.css';
import './log.css';
import './sendFiles.css';
