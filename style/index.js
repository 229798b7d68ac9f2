import './base.css';
import './build.css';
